/**
 * The build thread (see build-thread.ts): loads the project, builds, and
 * posts the report. When the sources look changed since the last build
 * (likely.ts), it starts render workers and the loading of the renderers
 * first, so that they load while it checks.
 */
import path from 'node:path'
import {parentPort, workerData} from 'node:worker_threads'
import {RenderPool} from '../build/pool.js'
import {preloadRenderers, rendererOrder} from '../build/renderers.js'
import {heapLimits, storeFile, type BuildReply, type BuildRequest} from './build-thread.js'
import {UsageError} from './usage.js'

const request = workerData as BuildRequest
const post = (reply: BuildReply) => parentPort!.postMessage(reply)
const configPath = path.resolve(request.configPath)
const pool = new RenderPool({configPath, now: request.now, generator: `pressroom ${request.version}`, outDir: request.outDir}, heapLimits(request.likely).worker)

try {
  if (request.jobs > 1) pool.warm(Math.min(request.jobs, request.likely))
  // With workers rendering, this thread makes the site-wide files only.
  if (request.likely > 0) preloadRenderers(pool.size > 0 ? ['html'] : rendererOrder)
  const [{buildProject}, {loadProject}] = await Promise.all([import('./build.js'), import('./project.js')])
  const project = await loadProject(request.configPath)
  const {files, ...summary} = await buildProject(project, {
    outDir: request.outDir,
    only: request.only ? new Set(request.only) : null,
    now: new Date(request.now),
    version: request.version,
    jobs: request.jobs,
    configPath,
    pool,
    onProgress: request.progress ? (progress) => post({progress}) : undefined
  })
  post({report: {...summary, files: files.map(storeFile)}})
} catch (error) {
  if (error instanceof UsageError) post({usage: {message: error.message, files: error.files.map(storeFile)}})
  else post({failure: error instanceof Error ? (error.stack ?? error.message) : String(error)})
} finally {
  await pool.close()
}
