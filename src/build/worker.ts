/**
 * A render thread of the build's pool: loads the project's config and the
 * renderers (fonts, templates) once, then renders the jobs it is given.
 */
import {workerData} from 'piscina'
import {readProjectConfig} from '../project/load.js'
import {crashPoint} from './crash.js'
import {renderJob, type JobResult, type RenderEnvironment, type RenderJob} from './render.js'
import {createRenderers} from '../render/renderers.js'
import {fileMemo} from './state.js'

/** What a render thread needs to load the project as the build sees it. */
export interface WorkerSetup {
  configPath: string
  now: string
  generator: string
  stateDir: string
}

const setup = workerData as WorkerSetup
crashPoint('worker-start')
const environment: Promise<RenderEnvironment> = (async () => {
  const {root, config} = await readProjectConfig(setup.configPath, null)
  const context = {config, root, now: new Date(setup.now), generator: setup.generator, memo: fileMemo(setup.stateDir)}
  const renderers = await createRenderers()
  for (const renderer of renderers) await renderer.prepare?.(context)
  return {renderers, context, config, stateDir: setup.stateDir}
})()

export default async function render(job: RenderJob): Promise<JobResult> {
  return renderJob(job, await environment)
}
