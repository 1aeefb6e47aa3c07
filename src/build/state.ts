/**
 * What a build keeps in `out/.pressroom/` for the next one:
 *
 * - `cache/blobs/<sha256>`: the bytes of every output file, named by their
 *   hash; the files in `out/` are hard links to them. Each release's search
 *   records (JSON) are blobs too, named in its site render's record.
 * - `cache/renders/<key>.json`: what one renderer made of one release (the
 *   files' paths and hashes, and its findings), under a hash of everything
 *   it was made from. A release whose key is there is not rendered again.
 * - `cache/models/<hash>.json`: a release's model as `releases.json` holds
 *   it, under the hash of its file, so that a build need not keep models.
 * - `cache/memo/`: costly results shared by releases (web fonts).
 * - `manifest.json`: the files of the output and what the check found,
 *   written last: the output is what it describes, or on its way to the next.
 * - `lock`: the process id of the build writing `out/`.
 *
 * Every file is written to `tmp/` and renamed into place, so no reader ever
 * sees half of one; a killed build leaves only `tmp/`, cleared by the next.
 * The files are small and many, and each thread writes its own: synchronous
 * calls cost a fraction of trips through libuv's thread pool.
 */
import {createHash} from 'node:crypto'
import {closeSync, copyFileSync, existsSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync, writeSync} from 'node:fs'
import path from 'node:path'
import {threadId} from 'node:worker_threads'
import {UsageError} from '../diagnostic/usage.js'

export const stateFolder = '.pressroom'

/** Names temporary files apart within a thread. */
let written = 0

/** One output file: its path relative to the output folder, with `/`, and the hash of its bytes. */
export interface CachedFile {
  path: string
  sha: string
}

export class BuildState {
  private manifestText: string | null = null

  private constructor(
    readonly outDir: string,
    readonly dir: string
  ) {}

  /** Takes the output folder for this build: makes the state folder, locks it, clears what a killed build left. */
  static open(outDir: string): BuildState {
    const dir = path.join(outDir, stateFolder)
    try {
      mkdirSync(path.join(dir, 'cache'), {recursive: true})
      lock(path.join(dir, 'lock'))
      rmSync(path.join(dir, 'tmp'), {recursive: true, force: true})
      mkdirSync(path.join(dir, 'tmp'))
    } catch (error) {
      if (error instanceof UsageError) throw error
      throw new UsageError(`cannot write to ${outDir}: ${(error as Error).message}; check that the folder is writable, or pass another --out`)
    }
    return new BuildState(outDir, dir)
  }

  close(): void {
    rmSync(path.join(this.dir, 'lock'), {force: true})
  }

  cachePath(kind: 'blobs' | 'renders' | 'models' | 'memo', name: string): string {
    return path.join(this.dir, 'cache', kind, name)
  }

  /** Reads a cached JSON file, or null when it is missing or unreadable. */
  readJson<T>(file: string): T | null {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as T
    } catch {
      return null
    }
  }

  readManifest<T>(): T | null {
    try {
      this.manifestText = readFileSync(path.join(this.dir, 'manifest.json'), 'utf8')
      return JSON.parse(this.manifestText) as T
    } catch {
      return null
    }
  }

  /** Writes the manifest, unless it is the one read (a build that changed nothing). */
  writeManifest(manifest: unknown): void {
    const text = `${JSON.stringify(manifest)}\n`
    if (text !== this.manifestText) writeWhole(this.dir, path.join(this.dir, 'manifest.json'), text)
  }

  /** Puts an output file in place: a link to its blob (a copy where links are not possible), renamed over the old file. */
  place(file: CachedFile): void {
    const temporary = temporaryPath(this.dir)
    const blob = this.cachePath('blobs', file.sha)
    try {
      linkSync(blob, temporary)
    } catch {
      copyFileSync(blob, temporary)
    }
    const target = path.join(this.outDir, file.path)
    mkdirSync(path.dirname(target), {recursive: true})
    renameSync(temporary, target)
    // Renaming a link over another link to the same file does nothing (POSIX): the temporary stays.
    rmSync(temporary, {force: true})
  }

  /** Whether the output holds `file` as the build last placed it: the same inode as its blob. */
  holds(file: CachedFile): boolean {
    const placed = statSync(path.join(this.outDir, file.path), {throwIfNoEntry: false})
    const blob = statSync(this.cachePath('blobs', file.sha), {throwIfNoEntry: false})
    return placed !== undefined && blob !== undefined && placed.ino === blob.ino && placed.dev === blob.dev
  }

  sizeOf(sha: string): number {
    return statSync(this.cachePath('blobs', sha)).size
  }

  /** Removes an output file, and the folders it leaves empty up to the output folder. */
  remove(relative: string): void {
    rmSync(path.join(this.outDir, relative), {force: true})
    try {
      for (let folder = path.posix.dirname(relative); folder !== '.'; folder = path.posix.dirname(folder)) rmdirSync(path.join(this.outDir, folder))
    } catch {
      // Not empty: the folders above are not either.
    }
  }

  /** Removes cached files that `keep` does not name; the memo keeps its newest entries. */
  collect(keep: {blobs: Set<string>; renders: Set<string>; models: Set<string>}): void {
    const names = (kind: string) => (existsSync(path.join(this.dir, 'cache', kind)) ? readdirSync(path.join(this.dir, 'cache', kind)) : [])
    for (const kind of ['blobs', 'renders', 'models'] as const) {
      for (const name of names(kind)) if (!keep[kind].has(name)) rmSync(this.cachePath(kind, name), {force: true})
    }
    const kept = names('memo')
    if (kept.length <= memoKept) return
    const memo = kept.map((name) => ({name, time: statSync(this.cachePath('memo', name)).mtimeMs}))
    memo.sort((a, b) => b.time - a.time)
    for (const {name} of memo.slice(memoKept)) rmSync(this.cachePath('memo', name), {force: true})
  }
}

/** How many memo results are kept; each build marks those it uses as new. */
const memoKept = 100

/**
 * Writes `file` (under the state folder `stateDir`) whole or not at all,
 * from any thread: a temporary file in `tmp/`, then a rename.
 */
export function writeWhole(stateDir: string, file: string, data: string | Uint8Array | Iterable<string>): void {
  const temporary = writeTemporary(stateDir, data)
  mkdirSync(path.dirname(file), {recursive: true})
  renameSync(temporary, file)
}

/**
 * Writes bytes as a blob of the cache, and gives their hash. A blob already
 * there stays: the output's links to it still hold it. Bytes in one piece
 * are hashed first; text in pieces is hashed as it is written.
 */
export function writeBlob(stateDir: string, data: string | Uint8Array | Iterable<string>): string {
  const blobOf = (sha: string) => path.join(stateDir, 'cache', 'blobs', sha)
  if (typeof data === 'string' || data instanceof Uint8Array) {
    const sha = createHash('sha256').update(data).digest('hex')
    if (!existsSync(blobOf(sha))) writeWhole(stateDir, blobOf(sha), data)
    return sha
  }
  const hash = createHash('sha256')
  const temporary = writeTemporary(stateDir, (function* () {
    for (const piece of data) {
      hash.update(piece)
      yield piece
    }
  })())
  const sha = hash.digest('hex')
  if (existsSync(blobOf(sha))) unlinkSync(temporary)
  else {
    mkdirSync(path.dirname(blobOf(sha)), {recursive: true})
    renameSync(temporary, blobOf(sha))
  }
  return sha
}

/** A name in `tmp/` that no other process or thread uses. */
function temporaryPath(stateDir: string): string {
  return path.join(stateDir, 'tmp', `${process.pid}-${threadId}-${++written}`)
}

/** A new file in `tmp/` holding `data`; text in pieces is written piece by piece, never joined in memory. */
function writeTemporary(stateDir: string, data: string | Uint8Array | Iterable<string>): string {
  const temporary = temporaryPath(stateDir)
  if (typeof data === 'string' || data instanceof Uint8Array) {
    writeFileSync(temporary, data)
    return temporary
  }
  const fd = openSync(temporary, 'w')
  try {
    for (const piece of data) writeSync(fd, piece)
  } finally {
    closeSync(fd)
  }
  return temporary
}

/** A cache of costly results in `cache/memo/`, usable from any thread: `make` runs only for a key not seen before. */
export function fileMemo(stateDir: string): (key: string, make: () => Promise<Uint8Array>) => Promise<Uint8Array> {
  return async (key, make) => {
    const file = path.join(stateDir, 'cache', 'memo', createHash('sha256').update(key).digest('hex'))
    if (existsSync(file)) {
      const now = new Date()
      utimesSync(file, now, now)
      return new Uint8Array(readFileSync(file))
    }
    const bytes = await make()
    writeWhole(stateDir, file, bytes)
    return bytes
  }
}

/**
 * Takes the lock file, or refuses when a build that is still running holds
 * it; a lock left by a process that died is taken over.
 */
function lock(file: string): void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      return
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = Number(readFileSync(file, 'utf8'))
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) {
        throw new UsageError(`another pressroom build (process ${holder}) is writing ${path.dirname(path.dirname(file))}; wait for it to finish`)
      }
      // Left by a build that died: taken over.
      rmSync(file, {force: true})
    }
  }
  throw new UsageError(`cannot lock ${file}; remove it if no pressroom build is running`)
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
