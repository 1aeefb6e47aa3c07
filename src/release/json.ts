/**
 * `releases.json`: the parsed model of every release, written a release at
 * a time so that the whole file is never held in memory. No clock: the
 * bytes depend on the releases alone.
 */

/** A release's model as `releases.json` holds it: indented as an element of its array. */
export function modelFragment(release: unknown): string {
  const nested = JSON.stringify({releases: [release]}, null, 2)
  return nested.slice('{\n  "releases": [\n'.length, nested.length - '\n  ]\n}'.length)
}

/** The file, from each release's `modelFragment` in the order given (read when it is written), in pieces. */
export function* releasesJson(fragments: ReadonlyArray<() => string>, generator: string): Generator<string> {
  yield `{\n  "generator": ${JSON.stringify(generator)},\n  "releases": [`
  for (const [i, fragment] of fragments.entries()) yield `${i > 0 ? ',' : ''}\n${fragment()}`
  yield fragments.length > 0 ? '\n  ]\n}\n' : ']\n}\n'
}
