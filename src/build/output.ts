import {createHash} from 'node:crypto'
import {copyFileSync, linkSync, mkdirSync} from 'node:fs'
import {copyFile, link, mkdir, readdir, readFile, rename, rm, rmdir, stat, unlink, writeFile} from 'node:fs/promises'
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
  /**
   * Starts carrying these files of the previous output over in the
   * background, while the build does other work; `carry` and `write` wait
   * for a file's turn. Those neither carried nor written by the commit are
   * taken out again.
   */
  prefill(relatives: readonly string[]): void
  /** Writes a file of the new output (text may come in pieces). */
  write(relative: string, data: Uint8Array | string | Iterable<string>): Promise<void>
  /** Carries a file over from the previous output unchanged (a hard link when possible). */
  carry(relative: string): Promise<boolean>
  /** Gives a file of the new output a second name (a hard link when possible). */
  duplicate(from: string, to: string): Promise<void>
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
  const made = new Map<string, Promise<unknown>>()
  const ensureParent = (file: string) => {
    const parent = path.dirname(file)
    let done = made.get(parent)
    if (!done) {
      done = mkdir(parent, {recursive: true})
      made.set(parent, done)
    }
    return done
  }
  const linkOrCopySync = (from: string, to: string) => {
    const parent = path.dirname(to)
    try {
      if (!made.has(parent)) {
        mkdirSync(parent, {recursive: true})
        made.set(parent, Promise.resolve())
      }
      linkSync(from, to)
      return true
    } catch {
      try {
        copyFileSync(from, to)
        return true
      } catch {
        return false
      }
    }
  }
  const linkOrCopy = async (from: string, to: string) => {
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
  }
  // Files carried ahead (prefill), and those the build claimed by carrying or writing them.
  const ahead = new Map<string, Promise<boolean>>()
  const claimed = new Set<string>()
  return {
    dir,
    prefill(relatives) {
      const queue: Array<{relative: string; resolve: (linked: boolean) => void}> = []
      for (const relative of relatives.map(safeRelative)) {
        if (ahead.has(relative)) continue
        let resolve!: (linked: boolean) => void
        ahead.set(relative, new Promise<boolean>((settle) => (resolve = settle)))
        queue.push({relative, resolve})
      }
      // In slices of a few milliseconds, with synchronous calls: thousands
      // of links cost a third of what they cost through the thread pool, and
      // the build's own work (rendering results, writes) goes on between.
      const slice = () => {
        const until = performance.now() + 8
        while (queue.length > 0 && performance.now() < until) {
          const {relative, resolve} = queue.shift()!
          resolve(linkOrCopySync(path.join(target, relative), path.join(dir, relative)))
        }
        if (queue.length > 0) setImmediate(slice)
      }
      setImmediate(slice)
    },
    async write(relative, data) {
      relative = safeRelative(relative)
      claimed.add(relative)
      const file = path.join(dir, relative)
      // A file carried ahead shares its bytes with the previous output: replace it, never write into it.
      if (await ahead.get(relative)) await unlink(file)
      await ensureParent(file)
      await writeFile(file, data)
    },
    async carry(relative) {
      relative = safeRelative(relative)
      claimed.add(relative)
      if (await ahead.get(relative)) return true
      return linkOrCopy(path.join(target, relative), path.join(dir, relative))
    },
    async duplicate(from, to) {
      to = safeRelative(to)
      claimed.add(to)
      const source = path.join(dir, safeRelative(from))
      const file = path.join(dir, to)
      if (await ahead.get(to)) await unlink(file)
      await ensureParent(file)
      await link(source, file).catch(() => copyFile(source, file))
    },
    async commit() {
      // Files carried ahead that this build did not keep (a deleted release's), and folders they leave empty.
      const folders = new Set<string>()
      for (const [relative, done] of ahead) {
        if (claimed.has(relative) || !(await done)) continue
        await unlink(path.join(dir, relative))
        for (let folder = path.posix.dirname(relative); folder !== '.'; folder = path.posix.dirname(folder)) folders.add(folder)
      }
      for (const folder of [...folders].sort((a, b) => b.length - a.length)) await rmdir(path.join(dir, folder)).catch(() => undefined)
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
      await Promise.all(ahead.values())
      await rm(dir, {recursive: true, force: true})
    }
  }
}

/** Where results kept from build to build (font subsets) live, inside the output folder. */
const memoFolder = '.pressroom-memo'

/**
 * A memo kept in the output folder, usable from any thread of a build: a
 * result made by an earlier build is linked into the new output, a new one
 * is written there (file names are hashes of the keys, so two threads making
 * the same result write the same bytes). Results this build does not ask for
 * go away with the old folder.
 */
export function fileMemo(outDir: string, stageDir: string): (key: string, make: () => Promise<Uint8Array>) => Promise<Uint8Array> {
  return async (key, make) => {
    const name = createHash('sha256').update(key).digest('hex')
    const staged = path.join(stageDir, memoFolder, name)
    const here = await readFile(staged).catch(() => null)
    if (here) return new Uint8Array(here)
    await mkdir(path.dirname(staged), {recursive: true})
    const before = path.join(outDir, memoFolder, name)
    const kept = await readFile(before).catch(() => null)
    if (kept) {
      await link(before, staged).catch(() => writeFile(staged, kept))
      return new Uint8Array(kept)
    }
    const bytes = await make()
    const temporary = `${staged}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
    await writeFile(temporary, bytes)
    await rename(temporary, staged)
    return bytes
  }
}

/** How many memo results are kept besides those the last build used. */
const memoKept = 200

/**
 * Carries the previous output's memo results that this build did not use
 * into the new output, newest first and at most `memoKept` of them, so a
 * build that skipped the site (nothing changed) does not lose them.
 */
export async function carryMemo(outDir: string, stage: OutputStage): Promise<void> {
  const folder = path.join(outDir, memoFolder)
  const names = await readdir(folder).catch(() => [] as string[])
  const used = new Set(await readdir(path.join(stage.dir, memoFolder)).catch(() => [] as string[]))
  const unused = await Promise.all(
    names.filter((name) => !used.has(name) && !name.endsWith('.tmp')).map(async (name) => ({name, time: (await stat(path.join(folder, name))).mtimeMs}))
  )
  unused.sort((a, b) => b.time - a.time || a.name.localeCompare(b.name))
  for (const {name} of unused.slice(0, memoKept)) await stage.carry(`${memoFolder}/${name}`)
}
