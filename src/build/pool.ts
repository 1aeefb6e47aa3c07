import {Worker} from 'node:worker_threads'
import type {RenderJob, RenderOutcome} from './render.js'
import type {WorkerSetup} from './worker.js'

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
        // Bounds each worker's heap: a build of 500 releases on two workers
        // peaks near 440 MB instead of 600–800 MB. A worker that runs out
        // stops, and the build renders its releases in the main thread.
        resourceLimits: {maxOldGenerationSizeMb: 128}
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
