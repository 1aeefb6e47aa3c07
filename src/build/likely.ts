/**
 * A guess, from modification times alone, at how many releases a build will
 * render: all of them without a previous build, else those whose file is
 * newer than the previous build's manifest (all, when the config, glossary,
 * templates or fonts are). The build decides from content hashes; a wrong
 * guess only costs time or memory, never a wrong output.
 */
import {statSync} from 'node:fs'
import path from 'node:path'
import {filesUnder} from './files.js'

/** Synchronous: a few hundred `stat` calls take milliseconds, and through the thread pool several times that. */
export function likelyRenders(root: string, outDir: string): number {
  const built = statSync(path.join(outDir, '.pressroom-manifest.json'), {throwIfNoEntry: false})?.mtimeMs ?? null
  const sources = filesUnder(path.join(root, 'releases')).filter((file) => file.endsWith('.md'))
  if (built === null) return sources.length
  const newer = (list: readonly string[]) => list.filter((file) => (statSync(file, {throwIfNoEntry: false})?.mtimeMs ?? 0) > built).length
  const shared = [path.join(root, 'pressroom.yaml'), path.join(root, 'glossary.yaml'), ...filesUnder(path.join(root, 'templates')), ...filesUnder(path.join(root, 'fonts'))]
  if (newer(shared) > 0) return sources.length
  return newer(sources)
}
