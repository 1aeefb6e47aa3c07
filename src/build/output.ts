import {copyFile, link, mkdir, readdir, rename, rm, stat, writeFile} from 'node:fs/promises'
import path from 'node:path'

/**
 * The output folder is replaced whole: a build writes into a staging folder
 * beside it and swaps it in with two renames. A build killed at any moment
 * leaves either the previous folder or the new one; if it dies between the
 * two renames, the next build (or `recoverOutput`) puts the previous one back.
 */
export interface OutputStage {
  /** Where the new output is being written. */
  dir: string
  /** Writes a file of the new output. */
  write(relative: string, data: Uint8Array | string): Promise<void>
  /** Carries a file over from the previous output unchanged (a hard link when possible). */
  carry(relative: string): Promise<boolean>
  /** Swaps the new output in. */
  commit(): Promise<void>
  /** Throws the new output away. */
  abort(): Promise<void>
}

const stagingSuffix = '.staging-'
const previousSuffix = '.previous-'

/** Restores an output folder a killed build left half-swapped, and removes stale staging folders. */
export async function recoverOutput(outDir: string): Promise<void> {
  const parent = path.dirname(path.resolve(outDir))
  const base = path.basename(path.resolve(outDir))
  const names = await readdir(parent).catch(() => [] as string[])
  const exists = await stat(outDir).then(
    () => true,
    () => false
  )
  for (const name of names) {
    if (!name.startsWith(base)) continue
    const rest = name.slice(base.length)
    const full = path.join(parent, name)
    if (rest.startsWith(previousSuffix)) {
      if (!exists) await rename(full, outDir)
      else await rm(full, {recursive: true, force: true})
    } else if (rest.startsWith(stagingSuffix) && !(await isLiveStage(rest.slice(stagingSuffix.length)))) {
      await rm(full, {recursive: true, force: true})
    }
  }
}

/** A staging folder belongs to a build still running when its process is alive. */
async function isLiveStage(pid: string): Promise<boolean> {
  const id = Number(pid)
  if (!Number.isInteger(id) || id === process.pid) return false
  try {
    process.kill(id, 0)
    return true
  } catch {
    return false
  }
}

/** Files escaping the output folder (`..`, absolute paths) are refused: outputs never land outside it. */
export function safeRelative(relative: string): string {
  const normal = path.posix.normalize(relative)
  if (normal.startsWith('../') || normal === '..' || path.posix.isAbsolute(normal) || normal.includes('\0') || normal === '.') {
    throw new Error(`refusing to write outside the output folder: ${relative}`)
  }
  return normal
}

export async function stageOutput(outDir: string): Promise<OutputStage> {
  await recoverOutput(outDir)
  const target = path.resolve(outDir)
  const dir = `${target}${stagingSuffix}${process.pid}`
  await rm(dir, {recursive: true, force: true})
  await mkdir(dir, {recursive: true})
  const made = new Set<string>()
  const ensureParent = async (file: string) => {
    const parent = path.dirname(file)
    if (made.has(parent)) return
    await mkdir(parent, {recursive: true})
    made.add(parent)
  }
  return {
    dir,
    async write(relative, data) {
      const file = path.join(dir, safeRelative(relative))
      await ensureParent(file)
      await writeFile(file, data)
    },
    async carry(relative) {
      const from = path.join(target, safeRelative(relative))
      const to = path.join(dir, safeRelative(relative))
      await ensureParent(to)
      try {
        await link(from, to)
        return true
      } catch {
        return copyFile(from, to).then(
          () => true,
          () => false
        )
      }
    },
    async commit() {
      const previous = `${target}${previousSuffix}${process.pid}`
      const hadPrevious = await stat(target).then(
        () => true,
        () => false
      )
      if (hadPrevious) await rename(target, previous)
      await rename(dir, target)
      if (hadPrevious) await rm(previous, {recursive: true, force: true})
    },
    async abort() {
      await rm(dir, {recursive: true, force: true})
    }
  }
}
