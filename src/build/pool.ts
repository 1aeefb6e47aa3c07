import {Worker} from 'node:worker_threads'
import type {RenderJob, RenderOutcome} from './render.js'
import type {WorkerSetup} from './worker.js'

/** Heap bounds of a render worker, in megabytes. */
export const workerLimits = {maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 4}

/**
 * Renders jobs on worker threads, one per core by default, each loading
 * fonts and templates once. Each outcome is handed to `onDone` as it comes.
 */
export async function renderOnWorkers(
  jobs: readonly RenderJob[],
  size: number,
  setup: WorkerSetup,
  onDone: (index: number, outcome: RenderOutcome) => void
): Promise<void> {
  let next = 0
  const workers = Array.from(
    {length: Math.max(1, Math.min(size, jobs.length))},
    () =>
      new Worker(new URL('./worker.js', import.meta.url), {
        workerData: setup,
        // Bounds each worker's heap. Rendering makes much short-lived garbage,
        // and V8's default young generation (tens of megabytes per thread)
        // is most of a worker's memory; 4 MB costs little time. A worker that
        // runs out of its old generation stops, and the build renders its
        // releases in the main thread.
        resourceLimits: workerLimits
      })
  )
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= jobs.length) {
                resolve()
                return
              }
              const id = next++
              worker.postMessage({id, job: jobs[id]})
            }
            worker.on('message', (message: {ready?: boolean; id?: number; outcome?: RenderOutcome; error?: string}) => {
              if (message.ready) return send()
              if (message.error !== undefined) return reject(new Error(message.error))
              onDone(message.id!, message.outcome!)
              send()
            })
            worker.on('error', reject)
            worker.on('exit', (code) => {
              if (code !== 0) reject(new Error(`a build worker stopped (exit code ${code})`))
            })
          })
      )
    )
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()))
  }
}
