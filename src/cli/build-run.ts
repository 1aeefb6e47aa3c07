/**
 * The build as `pressroom build` runs it, in whichever thread (see
 * build-thread.ts): when the sources look changed since the last build
 * (likely.ts), it starts render workers and the loading of the renderers
 * first, so that they load while the releases are checked; then it loads the
 * project, builds, and closes the workers.
 */
import path from 'node:path'
import type {BuildReport} from '../build/build.js'
import {RenderPool} from '../build/pool.js'
import {preloadRenderers, rendererOrder} from '../build/renderers.js'
import {workerHeapLimits, type BuildRequest, type ProgressEvent} from './build-thread.js'

export async function runBuild(request: BuildRequest, onProgress?: (event: ProgressEvent) => void): Promise<BuildReport> {
  const configPath = path.resolve(request.configPath)
  const pool = new RenderPool({configPath, now: request.now, generator: `pressroom ${request.version}`, outDir: request.outDir}, workerHeapLimits(request.likely))
  try {
    if (request.jobs > 1) pool.warm(Math.min(request.jobs, request.likely))
    // With workers rendering, this thread makes the site-wide files only.
    if (request.likely > 0) preloadRenderers(pool.size > 0 ? ['html'] : rendererOrder)
    const [{buildProject}, {loadProject}] = await Promise.all([import('./build.js'), import('./project.js')])
    const project = await loadProject(request.configPath)
    return await buildProject(project, {
      outDir: request.outDir,
      only: request.only ? new Set(request.only) : null,
      now: new Date(request.now),
      version: request.version,
      jobs: request.jobs,
      configPath,
      pool,
      onProgress
    })
  } finally {
    await pool.close()
  }
}
