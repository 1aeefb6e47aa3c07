import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {threadId} from 'node:worker_threads'
import type {StoredMessage} from '../diagnostic/message.js'
import {sha256} from '../hash.js'
import {releaseIdentity} from '../release/identity.js'
import {decodeSource} from '../release/decode.js'
import type {Release} from '../release/model.js'
import type {RenderContext, RenderedRelease, Renderer, RendererName, RenderFinding} from '../render/renderer.js'
import {createRenderers} from '../render/renderers.js'
import {writeBlob, writeWhole, type CachedFile} from './state.js'

/** One release to render, as plain data so that it can cross to a worker thread. */
export interface RenderJob {
  /** The release file, relative to the project folder. */
  path: string
  /** SHA-256 of the file's bytes when the build checked it. */
  hash: string
  published: boolean
  messages: StoredMessage[]
  /** The renderers to run, each with the key its result is kept under. */
  run: Array<{name: RendererName; key: string}>
  /** Files of renderers that need not run, which later ones use (the PDF an e-mail attaches). */
  carried: CachedFile[]
}

/** What one renderer made of one release, as the cache keeps it. */
export interface RenderRecord {
  files: CachedFile[]
  findings: RenderFinding[]
  /** The blob of the site renderer's search records of the release (JSON), read only when the search index is made. */
  search?: string
}

export interface JobResult {
  records: Partial<Record<RendererName, RenderRecord>>
  /** The thread that rendered the job: the build counts each thread's work. */
  thread: number
}

export interface RenderEnvironment {
  renderers: readonly Renderer[]
  context: RenderContext
  stateDir: string
}

/** The renderers (all, or those named), with their fonts and templates loaded. */
export async function renderEnvironment(context: RenderContext, stateDir: string, names?: RendererName[]): Promise<RenderEnvironment> {
  const renderers = await createRenderers(names)
  for (const renderer of renderers) await renderer.prepare?.(context)
  return {renderers, context, stateDir}
}

/**
 * Renders one release from its model: each renderer's files go into the cache
 * as blobs, and its record under its key, so that a build killed later
 * need not render it again. A renderer with an error finding keeps nothing.
 */
export async function renderJob(job: RenderJob, {renderers, context, stateDir}: RenderEnvironment): Promise<JobResult> {
  const records: JobResult['records'] = {}
  const bytes = readFileSync(path.join(context.root, job.path))
  // The model the check made of these bytes: the release is not read again.
  const model = path.join(stateDir, 'cache', 'models', `${job.hash}.json`)
  const release = sha256(bytes) === job.hash && existsSync(model) ? (JSON.parse(readFileSync(model, 'utf8')) as Release) : null
  const identity = release && releaseIdentity(release, context.config)
  if (!release || !identity) {
    const finding: RenderFinding = {ruleId: 'build', severity: 'error', reason: 'The file changed while it was being built; run the build again', place: null}
    return {records: {[job.run[0]!.name]: {files: [], findings: [finding]}}, thread: threadId}
  }
  const carried = job.carried.map((cached) => ({path: cached.path, data: new Uint8Array(readFileSync(path.join(stateDir, 'cache', 'blobs', cached.sha)))}))
  const item: RenderedRelease = {release, identity, source: decodeSource(bytes).text, published: job.published, messages: job.messages, files: carried}
  for (const renderer of renderers) {
    const key = job.run.find((run) => run.name === renderer.name)?.key
    if (!key) continue
    const {files, findings, search} = await renderer.renderRelease(item, context)
    if (findings.some((finding) => finding.severity === 'error')) {
      records[renderer.name] = {files: [], findings}
      continue
    }
    const record: RenderRecord = {files: [], findings}
    if (search) record.search = writeBlob(stateDir, JSON.stringify(search))
    for (const made of files) record.files.push({path: made.path, sha: writeBlob(stateDir, made.data)})
    writeWhole(stateDir, path.join(stateDir, 'cache', 'renders', `${key}.json`), JSON.stringify(record))
    records[renderer.name] = record
    item.files.push(...files)
  }
  return {records, thread: threadId}
}
