import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

/**
 * Where pressroom itself is installed: the fonts and templates it ships live
 * here, and a project uses them unless it has its own copies.
 */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export const version: string = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')).version

/**
 * A font named in `pressroom.yaml`: the file relative to the config's folder
 * when the project has it, else the font of that name pressroom ships.
 */
export function fontPath(configRoot: string, source: string): string {
  const own = path.resolve(configRoot, source)
  if (existsSync(own)) return own
  const shipped = path.join(packageRoot, 'fonts', path.basename(source))
  return existsSync(shipped) ? shipped : own
}
