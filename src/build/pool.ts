import {Worker, type ResourceLimits} from 'node:worker_threads'
import type {RenderJob, WrittenOutcome} from './render.js'
import type {WorkerJob, WorkerReply, WorkerSetup} from './worker.js'

/** Heap bounds of a render worker, in megabytes. */
export const workerLimits = {maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 4}

/** Below this many releases to render, starting worker threads costs more than it saves. */
export const minimumJobsForWorkers = 8

interface PoolWorker {
  worker: Worker
  /** Settles the job the worker is on. */
  pending: {resolve: (outcome: WrittenOutcome) => void; reject: (error: Error) => void} | null
  failure: Error | null
}

/**
 * Worker threads that render jobs, one per core by default, each loading
 * fonts and templates once. A build can start them early (`warm`), so that
 * they load while it checks; `run` adds more when there is more to do.
 */
export class RenderPool {
  private readonly workers: PoolWorker[] = []

  constructor(
    private readonly setup: WorkerSetup,
    private readonly limits: ResourceLimits = workerLimits
  ) {}

  /** How many workers are started. */
  get size(): number {
    return this.workers.length
  }

  /** Starts workers until there are `count`. */
  warm(count: number): void {
    while (this.workers.length < count) this.workers.push(this.spawn())
  }

  /**
   * Renders `jobs` on up to `size` workers, handing each outcome to
   * `onDone` as it comes. When a worker fails or stops (out of its memory
   * allowance, say), no more jobs are handed out; once the others have
   * finished theirs, it rejects, and the jobs not done are the caller's.
   */
  async run(jobs: readonly RenderJob[], size: number, stageDir: string, onDone: (index: number, outcome: WrittenOutcome) => void): Promise<void> {
    this.warm(Math.min(size, jobs.length))
    let next = 0
    let failure: unknown = null
    await Promise.all(
      this.workers.map(async (entry) => {
        while (failure === null && next < jobs.length) {
          const id = next++
          try {
            onDone(id, await this.render(entry, {job: jobs[id]!, stageDir}))
          } catch (error) {
            failure ??= error
          }
        }
      })
    )
    if (failure !== null) throw failure
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((entry) => entry.worker.terminate()))
  }

  private spawn(): PoolWorker {
    const worker = new Worker(new URL('./worker.js', import.meta.url), {
      workerData: this.setup,
      // Rendering makes much short-lived garbage, and V8's default young
      // generation (tens of megabytes per thread) was most of a worker's
      // memory; 4 MB costs little time. A worker that runs out of its old
      // generation stops, and the build renders its releases itself.
      resourceLimits: this.limits
    })
    const entry: PoolWorker = {worker, pending: null, failure: null}
    const fail = (error: Error) => {
      entry.failure ??= error
      entry.pending?.reject(entry.failure)
      entry.pending = null
    }
    worker.on('message', (reply: WorkerReply) => {
      const pending = entry.pending
      entry.pending = null
      if ('error' in reply) pending?.reject(new Error(reply.error))
      else pending?.resolve(reply.outcome)
    })
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new Error(`a build worker stopped (exit code ${code})`)))
    return entry
  }

  private render(entry: PoolWorker, job: WorkerJob): Promise<WrittenOutcome> {
    if (entry.failure) return Promise.reject(entry.failure)
    return new Promise((resolve, reject) => {
      entry.pending = {resolve, reject}
      entry.worker.postMessage(job)
    })
  }
}
