/**
 * `pressroom build` with many releases to render runs in a worker thread of
 * its own, with a small young generation: checking hundreds of releases
 * makes much short-lived garbage, and on the main thread V8 lets the heap
 * grow by about 70 MB for it. This thread then only starts the build, shows
 * its progress and prints its report.
 */
import path from 'node:path'
import {setFlagsFromString} from 'node:v8'
import {Worker, type ResourceLimits} from 'node:worker_threads'
import {likelyRenders} from '../build/likely.js'
import {minimumJobsForWorkers, workerLimits} from '../build/pool.js'
import {VFile} from 'vfile'
import type {BuildReport, RendererName} from '../build/build.js'
import {restoreMessages, storeMessages, type StoredMessage} from '../check/cache.js'
import {UsageError} from './usage.js'

export interface BuildRequest {
  configPath: string
  outDir: string
  only: RendererName[] | null
  /** ISO 8601. */
  now: string
  version: string
  jobs: number
  /** Whether progress events are wanted. */
  progress: boolean
  /** How many releases the build will likely render (see likely.ts). */
  likely: number
}

export interface ProgressEvent {
  done: number
  total: number
  current: string
}

/** A file's path and messages: what crosses between the threads instead of a VFile. */
export interface StoredFile {
  path: string
  messages: StoredMessage[]
}

export type BuildReply =
  | {progress: ProgressEvent}
  | {report: Omit<BuildReport, 'files'> & {files: StoredFile[]}}
  | {usage: {message: string; files: StoredFile[]}}
  | {failure: string}

/** Heap bounds of the build thread, in megabytes; the old generation is left to V8. */
const buildThreadLimits = {maxYoungGenerationSizeMb: 8}

/**
 * Heap bounds of each render worker, in megabytes. Young generations are
 * small when many releases are to be rendered, so that the build's memory
 * stays low; with a few, the memory is small anyway and larger ones save
 * collections (tens of milliseconds in a small build).
 */
export function workerHeapLimits(likely: number): ResourceLimits {
  return {...workerLimits, maxYoungGenerationSizeMb: likely < minimumJobsForWorkers ? 24 : workerLimits.maxYoungGenerationSizeMb}
}

export function storeFile(file: VFile): StoredFile {
  return {path: file.path, messages: storeMessages(file, new Set())}
}

function restoreFile(stored: StoredFile): VFile {
  const file = new VFile({path: stored.path})
  restoreMessages(file, stored.messages)
  return file
}

/**
 * Runs the build and resolves with its report: in a thread of its own when
 * many releases are likely to be rendered, else in this one (a build of a
 * few makes little garbage, and starting a thread costs tens of
 * milliseconds). Config and usage problems reject with a `UsageError`, as
 * `loadProject` throws them.
 */
export async function runBuildCommand(options: Omit<BuildRequest, 'likely'>, onProgress?: (event: ProgressEvent) => void): Promise<BuildReport> {
  // HarfBuzz is WebAssembly, which V8 compiles twice by default: a quick
  // baseline, then optimised code in the background. Rendering measured no
  // faster for the second, which cost each render thread about 40 MB. The
  // flag is the process's, so it is set before any thread loads HarfBuzz.
  setFlagsFromString('--liftoff-only')
  const request: BuildRequest = {...options, likely: likelyRenders(path.dirname(path.resolve(options.configPath)), options.outDir)}
  if (request.likely < minimumJobsForWorkers) return (await import('./build-run.js')).runBuild(request, onProgress)
  return new Promise((resolve, reject) => {
    let settled = false
    const worker = new Worker(new URL('./build-worker.js', import.meta.url), {workerData: request, resourceLimits: buildThreadLimits})
    worker.on('message', (reply: BuildReply) => {
      if ('progress' in reply) {
        onProgress?.(reply.progress)
        return
      }
      settled = true
      if ('report' in reply) resolve({...reply.report, files: reply.report.files.map(restoreFile)})
      else if ('usage' in reply) reject(new UsageError(reply.usage.message, reply.usage.files.map(restoreFile)))
      else reject(new Error(reply.failure))
    })
    worker.on('error', (error) => {
      settled = true
      reject(error)
    })
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`the build stopped unexpectedly (exit code ${code})`))
    })
  })
}
