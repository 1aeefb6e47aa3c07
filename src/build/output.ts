import {createHash} from 'node:crypto'
import {copyFileSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {link, lstat, mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile} from 'node:fs/promises'
import path from 'node:path'
import type {Memo} from './renderer.js'

/**
 * The output folder is replaced whole: a build makes its new output in a
 * staging folder beside it and swaps it in with two renames. A build killed
 * at any moment leaves either the previous folder or the new one; if it dies
 * between the two renames, the next build (or `recoverOutput`) puts the
 * previous one back. The staging folder is the output before last (the
 * spare, see `spareName`) brought up to date, so a build that changes a few
 * files writes about that many.
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
  /** Counts a file written into `dir` by `writeStaged` (from another thread) as part of the new output. */
  claim(relative: string): void
  /** Carries a file over from the previous output unchanged (a hard link when possible). */
  carry(relative: string): Promise<boolean>
  /** Swaps the new output in. */
  commit(): Promise<void>
  /** Gives up the new output; the previous one stays as it was. */
  abort(): Promise<void>
}

const stagingSuffix = '.staging-'
const previousSuffix = '.previous-'
/**
 * The previous build's output, kept inside the output folder (hard links,
 * so it costs directory entries, not bytes). The next build updates it in
 * place into its new output and swaps it in: only what changed is written,
 * and no tree of thousands of files is made or removed.
 */
export const spareName = '.pressroom-previous'

/** Restores an output folder a killed build left half-swapped, and puts away stale staging folders. */
export async function recoverOutput(outDir: string): Promise<void> {
  const target = path.resolve(outDir)
  const parent = path.dirname(target)
  const base = path.basename(target)
  const names = await readdir(parent).catch(() => [] as string[])
  for (const name of names) {
    if (!name.startsWith(base)) continue
    const rest = name.slice(base.length)
    const full = path.join(parent, name)
    if (rest.startsWith(previousSuffix)) {
      if (!(await exists(target))) await rename(full, target)
      else await keepAsSpare(target, full)
    } else if (rest.startsWith(stagingSuffix) && !(await isLiveStage(rest.slice(stagingSuffix.length)))) {
      // Whatever it holds, a staging folder serves as the spare: the next build reconciles it file by file.
      if (await exists(target)) await keepAsSpare(target, full)
      else await rm(full, {recursive: true, force: true})
    }
  }
}

/** Makes `folder` the output's spare, unless it has one; a spare never holds another. */
async function keepAsSpare(target: string, folder: string): Promise<void> {
  await rm(path.join(folder, spareName), {recursive: true, force: true})
  const placed = await rename(folder, path.join(target, spareName)).then(
    () => true,
    () => false
  )
  if (!placed) await rm(folder, {recursive: true, force: true})
}

function exists(file: string): Promise<boolean> {
  return lstat(file).then(
    () => true,
    () => false
  )
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

const plainPath = /^(?:[\w-][\w.-]*\/)*[\w-][\w.-]*$/

/** Files escaping the output folder (`..`, absolute paths) are refused: outputs never land outside it. */
export function safeRelative(relative: string): string {
  // The common case, checked cheaply: plain names, no `.` or `..` segment, not absolute.
  if (plainPath.test(relative)) return relative
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
  // The spare becomes the new output, updated in place; without one, the new output starts empty.
  const reused = await rename(path.join(target, spareName), dir).then(
    () => true,
    () => false
  )
  const current = readLedger(target)
  let spareLedger: Ledger | null = null
  if (reused) {
    spareLedger = readLedger(dir)
    // From here on the folder changes: its ledger no longer holds.
    rmSync(path.join(dir, ledgerName), {force: true})
    await rm(path.join(dir, memoFolder), {recursive: true, force: true})
  } else {
    await mkdir(dir, {recursive: true})
  }
  // The output's ledger says which of its files the spare shares, if the spare is the one it was made beside.
  const trusted = reused && current !== null && spareLedger !== null && current.spare === spareLedger.generation ? current.files : null
  // What the reused folder holds: files the build neither carries nor writes go at the commit.
  const leftover = !reused ? Promise.resolve([]) : spareLedger ? Promise.resolve([...spareLedger.files.keys()]) : listTree(dir)
  leftover.catch(() => undefined)
  // Files of the new output that are the previous output's own (the same inode).
  const shared = new Set<string>()
  const folders = new Set<string>()
  const ensureParent = (file: string) => {
    const parent = path.dirname(file)
    if (folders.has(parent)) return
    mkdirSync(parent, {recursive: true})
    folders.add(parent)
  }
  // Puts the previous output's file in the new one: nothing to do when the
  // reused folder has it already (the same inode), else a hard link.
  const carryNow = (relative: string): boolean => {
    if (trusted?.get(relative) === true) {
      shared.add(relative)
      return true
    }
    const from = path.join(target, relative)
    const to = path.join(dir, relative)
    shared.add(relative)
    try {
      const source = lstatSync(from)
      const staged = reused ? lstatSync(to, {throwIfNoEntry: false}) : undefined
      if (staged?.ino === source.ino && staged.dev === source.dev) return true
      if (staged) rmSync(to, {recursive: true, force: true})
      ensureParent(to)
      linkSync(from, to)
      return true
    } catch {
      shared.delete(relative)
    }
    try {
      copyFileSync(from, to)
      return true
    } catch {
      return false
    }
  }
  // A file about to be written anew: the reused folder may hold it with its
  // bytes shared with the previous output, so it is replaced, never written into.
  const clear = async (relative: string) => {
    shared.delete(relative)
    const file = path.join(dir, relative)
    const before = ahead.get(relative)
    if ((before && (await before)) || reused) await rm(file, {force: true, recursive: true})
    ensureParent(file)
    return file
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
      // of files cost a third of what they cost through the thread pool, and
      // the build's own work (rendering results, writes) goes on between.
      const slice = () => {
        const until = performance.now() + 8
        while (queue.length > 0 && performance.now() < until) {
          const {relative, resolve} = queue.shift()!
          resolve(carryNow(relative))
        }
        if (queue.length > 0) setImmediate(slice)
      }
      setImmediate(slice)
    },
    async write(relative, data) {
      relative = safeRelative(relative)
      claimed.add(relative)
      await writeFile(await clear(relative), typeof data === 'string' || data instanceof Uint8Array ? data : coalesce(data))
    },
    claim(relative) {
      relative = safeRelative(relative)
      claimed.add(relative)
      shared.delete(relative)
    },
    async carry(relative) {
      relative = safeRelative(relative)
      const carried = (await ahead.get(relative)) ?? carryNow(relative)
      if (carried) claimed.add(relative)
      return carried
    },
    async commit() {
      // Files the build did not keep (a deleted release's), and the folders they leave empty.
      await Promise.all(ahead.values())
      const emptied = new Set<string>()
      for (const relative of new Set([...ahead.keys(), ...(await leftover)])) {
        if (claimed.has(relative) || relative.startsWith(`${memoFolder}/`)) continue
        rmSync(path.join(dir, relative), {force: true})
        for (let folder = path.posix.dirname(relative); folder !== '.'; folder = path.posix.dirname(folder)) emptied.add(folder)
      }
      for (const folder of [...emptied].sort((a, b) => b.length - a.length)) await rmdir(path.join(dir, folder)).catch(() => undefined)
      const previous = `${target}${previousSuffix}${process.pid}`
      const hadPrevious = await exists(target)
      // A first output's spare is a copy of it: it shares every file.
      const generation = (current?.generation ?? 0) + 1
      const files = new Map([...claimed].sort().map((relative) => [relative, !hadPrevious || shared.has(relative)]))
      // Replaced, not written into: the folder's old ledger may be a link shared with another output.
      rmSync(path.join(dir, ledgerName), {force: true})
      writeFileSync(path.join(dir, ledgerName), formatLedger({generation, spare: hadPrevious ? (current?.generation ?? null) : generation, files}))
      if (hadPrevious) await rename(target, previous)
      await rename(dir, target)
      // The output just replaced is the next build's spare; a first output is its own.
      if (hadPrevious) await keepAsSpare(target, previous)
      else linkTree(target, path.join(target, spareName))
    },
    async abort() {
      await Promise.all(ahead.values())
      if (await exists(target)) await keepAsSpare(target, dir)
      else await rm(dir, {recursive: true, force: true})
    }
  }
}

/**
 * Writes a file of the new output being staged in `dir`, from any thread;
 * the build then claims it (`OutputStage.claim`). A file already there (the
 * spare's, perhaps sharing its bytes with the previous output) is replaced,
 * never written into.
 */
export async function writeStaged(dir: string, relative: string, data: Uint8Array | string): Promise<void> {
  const file = path.join(dir, safeRelative(relative))
  await rm(file, {force: true, recursive: true})
  await mkdir(path.dirname(file), {recursive: true})
  await writeFile(file, data)
}

/**
 * Text in pieces, encoded into buffers of about a megabyte: one write each
 * instead of one per small piece, and no joined copy of the text in the heap.
 */
function* coalesce(pieces: Iterable<string>, size = 1 << 20): Generator<Uint8Array> {
  let buffer = Buffer.allocUnsafe(size)
  let used = 0
  for (const piece of pieces) {
    const needed = Buffer.byteLength(piece)
    if (used + needed > buffer.length && used > 0) {
      yield buffer.subarray(0, used)
      buffer = Buffer.allocUnsafe(Math.max(size, needed))
      used = 0
    }
    if (needed > buffer.length) buffer = Buffer.allocUnsafe(needed)
    used += buffer.write(piece, used)
  }
  if (used > 0) yield buffer.subarray(0, used)
}

/**
 * An output's ledger: its generation (one more than the output it
 * replaced), its spare's generation, and for each file whether the spare
 * has the very same file (a hard link to it). With it the next build knows
 * what to carry over without comparing thousands of files. It is removed
 * from a folder that is being changed, so a ledger is never stale.
 */
export const ledgerName = '.pressroom-ledger'

interface Ledger {
  generation: number
  spare: number | null
  /** Relative path → whether the spare shares the file. */
  files: Map<string, boolean>
}

function formatLedger(ledger: Ledger): string {
  const lines = [`pressroom output ${ledger.generation} spare ${ledger.spare ?? '-'}`]
  for (const [relative, isShared] of ledger.files) lines.push(`${isShared ? '=' : '+'} ${relative}`)
  return `${lines.join('\n')}\n`
}

/** The ledger of the output in `dir`, or null when it has none (or not one this version reads). */
function readLedger(dir: string): Ledger | null {
  let text: string
  try {
    text = readFileSync(path.join(dir, ledgerName), 'utf8')
  } catch {
    return null
  }
  const lines = text.split('\n')
  const head = /^pressroom output (\d+) spare (\d+|-)$/.exec(lines[0] ?? '')
  if (!head) return null
  const files = new Map<string, boolean>()
  for (const line of lines.slice(1)) {
    if (line === '') continue
    if ((line[0] !== '=' && line[0] !== '+') || line[1] !== ' ') return null
    const relative = line.slice(2)
    // The build removes files the spare's ledger names: never one outside the folder.
    try {
      if (safeRelative(relative) !== relative) return null
    } catch {
      return null
    }
    files.set(relative, line[0] === '=')
  }
  return {generation: Number(head[1]), spare: head[2] === '-' ? null : Number(head[2]), files}
}

/** The files (not folders) under `dir`, as relative paths with `/`. */
async function listTree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, {recursive: true, withFileTypes: true})
  return entries.filter((entry) => !entry.isDirectory()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
}

/** Links every file of `from` (but `to`, inside it) into `to`; a file that cannot be linked is left out. */
function linkTree(from: string, to: string): void {
  const skip = path.relative(from, to)
  const made = new Set<string>()
  for (const entry of readdirSync(from, {recursive: true, withFileTypes: true})) {
    if (entry.isDirectory()) continue
    const relative = path.relative(from, path.join(entry.parentPath, entry.name))
    if (relative === skip || relative.startsWith(`${skip}${path.sep}`)) continue
    const file = path.join(to, relative)
    try {
      const parent = path.dirname(file)
      if (!made.has(parent)) mkdirSync(parent, {recursive: true})
      made.add(parent)
      linkSync(path.join(from, relative), file)
    } catch {
      // A spare is reconciled file by file; a missing file is only linked later.
    }
  }
}

/** Where results kept from build to build (font subsets) live, inside the output folder. */
const memoFolder = '.pressroom-memo'

/** The file name of a brief memo result (see `Memo`) begins with this. */
const briefPrefix = 'brief-'

/**
 * A memo kept in the output folder, usable from any thread of a build: a
 * result made by an earlier build is linked into the new output, a new one
 * is written there (file names are hashes of the keys, so two threads making
 * the same result write the same bytes). Results this build does not ask for
 * go away with the old folder, unless `carryMemo` keeps them. A render
 * worker may ask before it knows where the new output is (`stageDir` not
 * yet settled): an earlier build's result serves at once, and is linked in
 * once the folder is known (or carried over by `carryMemo`).
 */
export function fileMemo(outDir: string, stageDir: string | Promise<string>): Memo {
  return async (key, make, lifetime) => {
    const name = `${lifetime === 'brief' ? briefPrefix : ''}${createHash('sha256').update(key).digest('hex')}`
    const before = path.join(outDir, memoFolder, name)
    const linkInto = async (dir: string, bytes: Uint8Array) => {
      const staged = path.join(dir, memoFolder, name)
      await mkdir(path.dirname(staged), {recursive: true})
      await link(before, staged).catch((error: NodeJS.ErrnoException) => (error.code === 'EEXIST' ? undefined : writeFile(staged, bytes)))
    }
    if (typeof stageDir !== 'string') {
      const kept = await readFile(before).catch(() => null)
      if (kept) {
        void stageDir.then((dir) => linkInto(dir, kept)).catch(() => undefined)
        return new Uint8Array(kept)
      }
    }
    const dir = await stageDir
    const staged = path.join(dir, memoFolder, name)
    const here = await readFile(staged).catch(() => null)
    if (here) return new Uint8Array(here)
    const kept = await readFile(before).catch(() => null)
    if (kept) {
      await linkInto(dir, kept)
      return new Uint8Array(kept)
    }
    await mkdir(path.dirname(staged), {recursive: true})
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
 * build that skipped the site (nothing changed) does not lose them. Brief
 * results are not carried.
 */
export async function carryMemo(outDir: string, stage: OutputStage): Promise<void> {
  const folder = path.join(outDir, memoFolder)
  const names = await readdir(folder).catch(() => [] as string[])
  const used = new Set(await readdir(path.join(stage.dir, memoFolder)).catch(() => [] as string[]))
  const unused = await Promise.all(
    names
      .filter((name) => !used.has(name) && !name.endsWith('.tmp') && !name.startsWith(briefPrefix))
      .map(async (name) => ({name, time: (await stat(path.join(folder, name))).mtimeMs}))
  )
  unused.sort((a, b) => b.time - a.time || a.name.localeCompare(b.name))
  for (const {name} of unused.slice(0, memoKept)) await stage.carry(`${memoFolder}/${name}`)
}
