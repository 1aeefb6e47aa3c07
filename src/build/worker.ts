/**
 * A build worker thread: loads the project and its renderers once (fonts,
 * templates), then renders the jobs it is sent, one at a time.
 */
import {parentPort, workerData} from 'node:worker_threads'
import {createRenderers} from '../cli/build.js'
import {loadProject} from '../cli/project.js'
import {fileMemo} from './output.js'
import {JobLookup, renderJob, type RenderJob} from './render.js'
import type {RenderContext} from './renderer.js'

export interface WorkerSetup {
  configPath: string
  now: string
  generator: string
  /** The previous output and the one being staged, for the build's memo. */
  outDir: string
  stageDir: string
}

const setup = workerData as WorkerSetup
const project = await loadProject(setup.configPath)
const lookup = new JobLookup()
const renderers = await createRenderers(lookup)
const context: RenderContext = {
  config: project.config,
  root: project.root,
  now: new Date(setup.now),
  generator: setup.generator,
  memo: fileMemo(setup.outDir, setup.stageDir)
}
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
