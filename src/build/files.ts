import {readdirSync} from 'node:fs'
import path from 'node:path'

/** The files anywhere under `dir`, as absolute paths; none when it cannot be read. */
export function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, {recursive: true, withFileTypes: true})
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name))
  } catch {
    return []
  }
}
