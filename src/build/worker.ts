/**
 * A build worker thread: loads the project and its renderers once (fonts,
 * templates), then renders the jobs it is sent, one at a time.
 */
import {parentPort, workerData} from 'node:worker_threads'
import {createRenderers} from '../cli/build.js'
import {loadProject} from '../cli/project.js'
import {JobLookup, renderJob, type RenderJob} from './render.js'
import type {RenderContext} from './renderer.js'

export interface WorkerSetup {
  configPath: string
  now: string
  generator: string
}

const setup = workerData as WorkerSetup
const project = await loadProject(setup.configPath)
const lookup = new JobLookup()
const renderers = await createRenderers(lookup)
const context: RenderContext = {config: project.config, root: project.root, now: new Date(setup.now), generator: setup.generator}
for (const renderer of renderers) await renderer.prepare?.(context)

parentPort!.on('message', async ({id, job}: {id: number; job: RenderJob}) => {
  try {
    lookup.add(job)
    // Copied, not transferred: a Buffer may be a view into a pool shared with other buffers.
    parentPort!.postMessage({id, outcome: await renderJob(job, renderers, context)})
  } catch (error) {
    parentPort!.postMessage({id, error: error instanceof Error ? error.stack ?? error.message : String(error)})
  }
})
parentPort!.postMessage({ready: true})
