import {existsSync, readdirSync, realpathSync, statSync} from 'node:fs'
import path from 'node:path'
import {UsageError} from '../diagnostic/usage.js'
import {stateFolder} from './state.js'

/** Folders of a project that hold its sources: an output inside one would mix with them. */
const sourceFolders = ['releases', 'templates', 'fonts', '.git']

/**
 * The output folder a build may write, as a real path (a symbolic link named
 * as the output is followed, never replaced). pressroom removes only files
 * it wrote, and refuses a folder where its output would mix with files it
 * did not write: the project folder or one above it, a folder of sources,
 * or a folder that holds other files and no pressroom output.
 */
export function checkOutputFolder(root: string, outDir: string): string {
  const given = path.resolve(outDir)
  const target = existsSync(given) ? realpathSync(given) : path.join(realpathSync(nearestExisting(given)), path.relative(nearestExisting(given), given))
  const project = realpathSync(root)
  const refuse = (why: string) => {
    throw new UsageError(`refusing to write the output into ${outDir}: ${why}; pass --out with a folder of its own, such as out`)
  }
  if (isInside(target, project)) refuse(target === project ? 'it is the project folder' : 'it holds the project folder')
  for (const folder of sourceFolders) {
    const sources = path.join(project, folder)
    if (isInside(sources, target)) refuse(`it is inside ${folder}/, which holds the project's sources`)
  }
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) refuse('it is a file, not a folder')
    const names = readdirSync(target)
    if (names.length > 0 && !names.includes(stateFolder) && !names.includes('.pressroom-manifest.json')) {
      refuse(`it already holds files that pressroom did not write (${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''})`)
    }
  }
  return target
}

/** Whether `inner` is `outer` or inside it. */
function isInside(outer: string, inner: string): boolean {
  const relative = path.relative(outer, inner)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

function nearestExisting(file: string): string {
  let dir = file
  while (!existsSync(dir)) dir = path.dirname(dir)
  return dir
}
