/**
 * A render thread of the build's pool: loads the project's config and the
 * renderers (fonts, templates) once, then renders the jobs it is given.
 */
import {workerData} from 'piscina'
import {readProjectConfig} from '../project/load.js'
import {crashPoint} from './crash.js'
import {renderEnvironment, renderJob, type JobResult, type RenderEnvironment, type RenderJob} from './render.js'
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
const environment: Promise<RenderEnvironment> = readProjectConfig(setup.configPath, null).then(({root, config}) =>
  renderEnvironment({config, root, now: new Date(setup.now), generator: setup.generator, memo: fileMemo(setup.stateDir)}, setup.stateDir)
)

export default async function render(job: RenderJob): Promise<JobResult> {
  return renderJob(job, await environment)
}
