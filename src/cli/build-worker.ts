/**
 * The build thread (see build-thread.ts): loads the project, builds, and
 * posts the report. When the sources look changed since the last build, it
 * starts render workers first, so that they load while it checks.
 */
import {readdir, stat} from 'node:fs/promises'
import path from 'node:path'
import {parentPort, workerData} from 'node:worker_threads'
import {RenderPool} from '../build/pool.js'
import {storeFile, type BuildReply, type BuildRequest} from './build-thread.js'
import {UsageError} from './usage.js'

const request = workerData as BuildRequest
const post = (reply: BuildReply) => parentPort!.postMessage(reply)
const configPath = path.resolve(request.configPath)
const pool = new RenderPool({configPath, now: request.now, generator: `pressroom ${request.version}`, outDir: request.outDir})

try {
  if (request.jobs > 1) pool.warm(Math.min(request.jobs, await likelyRenders(path.dirname(configPath), request.outDir)))
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

/**
 * A guess, from modification times alone, at how many releases the build
 * will render: all of them without a previous build, else those whose file
 * is newer than the previous build's manifest (any, when the config,
 * glossary, templates or fonts are). The build decides for itself; a wrong
 * guess only starts workers early for nothing, or not at all.
 */
async function likelyRenders(root: string, outDir: string): Promise<number> {
  const built = await stat(path.join(outDir, '.pressroom-manifest.json')).then(
    (info) => info.mtimeMs,
    () => null
  )
  const releases = await files(path.join(root, 'releases'))
  const sources = releases.filter((file) => file.endsWith('.md'))
  if (built === null) return sources.length
  const newer = async (list: readonly string[]) => (await Promise.all(list.map((file) => stat(file).then((info) => info.mtimeMs > built, () => false)))).filter(Boolean).length
  const shared = [path.join(root, 'pressroom.yaml'), path.join(root, 'glossary.yaml'), ...(await files(path.join(root, 'templates'))), ...(await files(path.join(root, 'fonts')))]
  if ((await newer(shared)) > 0) return sources.length
  return newer(sources)
}

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, {recursive: true, withFileTypes: true}).catch(() => [])
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name))
}
