import {spawnSync} from 'node:child_process'
import {cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {writeSyntheticReleases} from '../bench/synthetic.js'
import {repoRoot, seedPath, snapshotFolder} from '../test/project.js'
import {crashPoints} from './crash.js'

const cli = path.join(repoRoot, 'dist/cli/main.js')

function build(cwd: string, crashAt?: string) {
  return spawnSync(process.execPath, [cli, 'build', '--jobs', '1', '--now', '2030-01-01T00:00:00Z'], {
    cwd,
    encoding: 'utf8',
    env: {...process.env, PRESSROOM_CRASH_AT: crashAt ?? ''}
  })
}

/** A project of a few releases, built once. */
async function builtProject(): Promise<{root: string; paths: string[]}> {
  const root = mkdtempSync(path.join(tmpdir(), 'pressroom-crash-'))
  for (const item of ['pressroom.yaml', 'glossary.yaml']) cpSync(path.join(repoRoot, item), path.join(root, item))
  const paths = await writeSyntheticReleases(path.join(repoRoot, seedPath), root, 3)
  expect(build(root).status).toBe(0)
  return {root, paths}
}

/** Edits one release, deletes another and adds one: work of every kind for the build that is stopped. */
function change(root: string, paths: readonly string[]): void {
  const edited = path.join(root, paths[0]!)
  writeFileSync(edited, readFileSync(edited, 'utf8').replace('This grant will', 'This grant shall'))
  rmSync(path.join(root, paths[1]!))
  const added = readFileSync(path.join(root, paths[2]!), 'utf8').replace(/^ref: No\. (\d+)/m, 'ref: No. 9')
  writeFileSync(path.join(root, path.dirname(paths[2]!), '009-added.md'), added)
}

/** A copy of a project (its output's files and cache no longer share inodes: placed again, same bytes). */
function copyOf(root: string): string {
  const copy = mkdtempSync(path.join(tmpdir(), 'pressroom-crash-'))
  cpSync(root, copy, {recursive: true})
  return copy
}

describe('a build stopped at each of its steps', () => {
  it('leaves every file of out/ whole, from the old build or the new, and the next build finishes the work', async () => {
    const built = await builtProject()
    const paths = built.paths
    // What the finished build of the changed sources is, made once.
    const reference = copyOf(built.root)
    change(reference, paths)
    expect(build(reference).status).toBe(0)
    const expected = snapshotFolder(path.join(reference, 'out'))

    for (const point of crashPoints) {
      const root = copyOf(built.root)
      const before = snapshotFolder(path.join(root, 'out'))
      change(root, paths)
      // Past rendering, a build does the same whether it rendered or found the
      // renders in its cache: stops there start with the renders cached (the
      // finished build's), so that each does not render the same work again.
      if (crashPoints.indexOf(point) > crashPoints.indexOf('rendered')) {
        for (const kind of ['renders', 'blobs', 'models', 'memo']) cpSync(path.join(reference, 'out/.pressroom/cache', kind), path.join(root, 'out/.pressroom/cache', kind), {recursive: true})
      }
      const stopped = build(root, point)
      expect(stopped.signal, `stopped at ${point}`).toBe('SIGKILL')
      // The progress line of each release rendered: none when the renders were cached.
      const renderedHere = /\[\d+\/\d+\]/.test(stopped.stderr)
      expect(renderedHere, `stopped at ${point}`).toBe(crashPoints.indexOf(point) === crashPoints.indexOf('rendered'))
      // Every file is one the old or the new build wrote, byte for byte: none is torn.
      const after = snapshotFolder(path.join(root, 'out'))
      for (const [file, hash] of Object.entries(after)) expect([before[file], expected[file]], `${file} after a stop at ${point}`).toContain(hash)
      // Nothing the old build had is missing unless the new one removes it.
      for (const file of Object.keys(before)) if (file in expected) expect(after[file], `${file} after a stop at ${point}`).toBeDefined()
      const next = build(root)
      expect(next.status, next.stderr).toBe(0)
      expect(snapshotFolder(path.join(root, 'out')), `the build after a stop at ${point}`).toEqual(expected)
      // What the stopped build left in its working folder is gone.
      expect(readdirSync(path.join(root, 'out/.pressroom/tmp'))).toEqual([])
    }
  }, 240_000)
})
