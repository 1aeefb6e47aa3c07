import {readFile} from 'node:fs/promises'
import {writeFileAtomic} from '../project/write.js'
import {parseMemory, serializeMemory, type Memory} from './memory.js'

/** Where a project keeps its memory, relative to the output folder. */
export const memoryFileName = '.pressroom/memory.json'

export interface LoadedMemory {
  /** Null when there was nothing usable to load; `updateMemory` then aligns every release. */
  memory: Memory | null
  /** Why nothing was loaded from an existing file (damaged, another format), for the caller to say. */
  problem: string | null
}

/**
 * Reads a memory that `saveMemory` wrote. No file (or `null`) gives no
 * memory; a damaged file or one of another format gives no memory and says
 * why, so that the caller can make it again rather than fail.
 */
export async function loadMemory(file: string | null): Promise<LoadedMemory> {
  if (file === null) return {memory: null, problem: null}
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {memory: null, problem: null}
    return {memory: null, problem: `cannot read ${file}: ${(error as Error).message}`}
  }
  const memory = parseMemory(text)
  return memory ? {memory, problem: null} : {memory: null, problem: `${file} is not a memory this version of pressroom reads; it is made again`}
}

/** Writes the memory as one JSON file, atomically (a reader sees the old file or the new one). */
export async function saveMemory(file: string, memory: Memory): Promise<void> {
  await writeFileAtomic(file, serializeMemory(memory))
}
