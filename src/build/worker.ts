/**
 * A build worker thread: loads the project and its renderers once (fonts,
 * templates) as soon as it starts, then renders the jobs it is sent, one at
 * a time. It may start before the build knows where its new output goes
 * (the first job says): until then, results kept between builds (the memo)
 * come from the previous output.
 */
import {parentPort, workerData} from 'node:worker_threads'
import {readProjectConfig} from '../cli/config-file.js'
import {fileMemo, writeStaged} from './output.js'
import {JobLookup, renderJob, writeOutcome, type RenderJob, type WrittenOutcome} from './render.js'
import {createRenderers} from './renderers.js'
import type {RenderContext} from './renderer.js'

export interface WorkerSetup {
  configPath: string
  now: string
  generator: string
  /** The previous output, for the build's memo. */
  outDir: string
}

export interface WorkerJob {
  job: RenderJob
  /** The output being staged, where new memo results go. */
  stageDir: string
}

export type WorkerReply = {outcome: WrittenOutcome} | {error: string}

const setup = workerData as WorkerSetup
let staged!: (stageDir: string) => void
const memo = fileMemo(
  setup.outDir,
  new Promise<string>((resolve) => {
    staged = resolve
  })
)

// The build checked the config and the releases; this thread loads neither the rules nor the Markdown reader.
const project = await readProjectConfig(setup.configPath, null)
const lookup = new JobLookup()
const renderers = await createRenderers(lookup)
const context: RenderContext = {
  config: project.config,
  root: project.root,
  now: new Date(setup.now),
  generator: setup.generator,
  memo
}
const prepared = (async () => {
  for (const renderer of renderers) await renderer.prepare?.(context)
})()
// Settled later, by the first job; until then it must not count as unhandled.
prepared.catch(() => undefined)

parentPort!.on('message', async ({job, stageDir}: WorkerJob) => {
  let reply: WorkerReply
  try {
    staged(stageDir)
    await prepared
    lookup.add(job)
    // Written here, not sent: the build's thread would hold a copy of every
    // release's files (its PDF, pages, e-mail) only to write it.
    reply = {outcome: await writeOutcome(await renderJob(job, renderers, context), (file) => writeStaged(stageDir, file.path, file.data))}
  } catch (error) {
    reply = {error: error instanceof Error ? (error.stack ?? error.message) : String(error)}
  }
  parentPort!.postMessage(reply)
})
