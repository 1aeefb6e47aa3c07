import {buildOutputs, type BuildOptions, type BuildReport, type RendererName} from '../build/build.js'
import {collectGarbage} from '../build/memory.js'
import {JobLookup} from '../build/render.js'
import {createRenderers, rendererOrder} from '../build/renderers.js'
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {checkCacheKey, type CheckCache} from '../check/cache.js'
import {checkProject, hasErrors, serializeCache} from './check.js'
import type {Project} from './project.js'

export type BuildCommandOptions = Omit<BuildOptions, 'extraFiles'>

/** How many releases parsed (not taken from the check cache) make a full garbage collection worth its time. */
const parsedBeforeCollecting = 20

/** Where a build keeps the models and messages of the releases it checked, for the next build. */
const checkCacheName = '.pressroom-check.json'

export {createRenderers, rendererOrder} from '../build/renderers.js'

/**
 * Checks every release, then, only when none has an error, renders the
 * outputs into the output folder. Nothing is written when the check fails.
 */
export async function buildProject(project: Project, options: BuildCommandOptions): Promise<BuildReport> {
  const started = performance.now()
  const cacheFile = path.join(options.outDir, checkCacheName)
  const key = checkCacheKey(options.version, project.config)
  const previous = await readFile(cacheFile, 'utf8').then(
    (text) => JSON.parse(text) as CheckCache,
    () => null
  )
  const {entries} = await checkProject(project, [], {cache: {key, previous}})
  // Parsing many releases leaves much garbage behind, which the rendering
  // would otherwise carry; after a few, a full collection costs more than it frees.
  if (entries.filter((entry) => !entry.cached).length >= parsedBeforeCollecting) collectGarbage()
  const files = entries.map((entry) => entry.file)
  if (hasErrors(files)) {
    const counted = files.flatMap((file) => file.messages)
    return {
      ok: false,
      releases: entries.length,
      written: 0,
      unchanged: 0,
      rendered: 0,
      warnings: counted.filter((m) => m.fatal === false).length,
      errors: counted.filter((m) => m.fatal === true).length,
      seconds: Math.round(performance.now() - started) / 1000,
      files
    }
  }
  const context = {config: project.config, root: project.root, now: options.now, generator: `pressroom ${options.version}`}
  const lookup = new JobLookup()
  const report = await buildOutputs(project.root, entries, {names: rendererOrder, site: ['html'], load: (names) => createRenderers(lookup, names)}, lookup, context, {
    ...options,
    extraFiles: [{path: checkCacheName, data: () => serializeCache(entries, key)}]
  })
  return {...report, seconds: Math.round(performance.now() - started) / 1000}
}
