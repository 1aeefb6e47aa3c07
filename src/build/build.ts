/**
 * `pressroom build`: check every release, render what changed, and bring the
 * output folder up to date file by file.
 *
 * 1. Check. A release file whose bytes and config are as at the last build
 *    takes its messages and summary from the manifest; others are read and
 *    checked, their model kept in the cache for `releases.json`, then dropped.
 *    Any error: nothing is written.
 * 2. Render. Each renderer's result for a release is kept in the cache under
 *    a hash of everything it is made from (`renderKeys`); a release renders
 *    again only for a key the cache lacks, on a pool of threads when there
 *    are several, else in this one. On threads, a release's PDF and e-mail
 *    start as soon as its own rules pass, while the check goes on.
 * 3. Place. Every output file is put in place atomically (state.ts); files
 *    of the last build that this one does not make are removed; the manifest
 *    is written last. A build killed at any point leaves every file whole,
 *    and the next build finishes the work from the cache.
 */
import {existsSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'
import {Piscina} from 'piscina'
import {VFile} from 'vfile'
import {checkAcross, checkRelease, projectRuleIds, sortMessages} from '../check/index.js'
import {configKey} from '../config/key.js'
import {addMessage, countMessages, restoreMessages, storeMessages, type StoredMessage} from '../diagnostic/message.js'
import {sha256} from '../hash.js'
import {loadMemory, saveMemory} from '../memory/file.js'
import {memoryHash, memoryOf, releaseMemory, type Memory, type ReleaseMemory} from '../memory/memory.js'
import {fontPath} from '../package.js'
import {listReleases, type Project} from '../project/load.js'
import {isPublished, releaseIdentity, withheldFor, type ReleaseIdentity, type Withheld} from '../release/identity.js'
import {modelFragment, releasesJson} from '../release/json.js'
import {limits} from '../release/limits.js'
import {decodeSource} from '../release/decode.js'
import {summarizeRelease, type ReleaseSummary} from '../release/summary.js'
import type {SiteRelease} from '../render/site/pages.js'
import type {SearchRecord} from '../search/index.js'
import {crashPoint} from './crash.js'
import {filesUnder} from './files.js'
import {checkOutputFolder} from './out-dir.js'
import type {JobResult, RenderEnvironment, RenderJob, RenderRecord} from './render.js'
import {rendererNames, type RenderContext, type RendererName} from '../render/renderer.js'
import {BuildState, fileMemo, writeBlob, writeWhole, type CachedFile} from './state.js'
import type {WorkerSetup} from './worker.js'

export interface BuildOptions {
  outDir: string
  /** Renderers to run; outputs of the others are kept while they are still right, and removed otherwise. */
  only: ReadonlySet<RendererName> | null
  now: Date
  version: string
  /** Threads to render on; 1 renders in this thread. */
  jobs: number
  /** The config file, which render threads load the project from. */
  configPath: string
  onProgress?: (event: {done: number; total: number; current: string}) => void
}

export interface BuildReport {
  ok: boolean
  releases: number
  /** Files written anew; files left as they were; files of the last build removed. */
  written: number
  unchanged: number
  removed: number
  /** Releases rendered (not taken from the cache). */
  rendered: number
  /** Releases rendered by each render thread, when the build used them. */
  threads: number[]
  withheld: Withheld[]
  warnings: number
  errors: number
  seconds: number
  files: VFile[]
}

interface ManifestRelease {
  /** SHA-256 of the file's bytes. */
  hash: string
  /** The reader's and the per-release rules' messages. */
  messages: StoredMessage[]
  /** The messages of the rules that compare releases, kept for a rebuild in which no release changed. */
  across?: StoredMessage[]
  summary: ReleaseSummary
  /** The key of each renderer's result in the output. */
  renders: Partial<Record<RendererName, string>>
}

interface Manifest {
  version: string
  /** What the check depends on besides each file: `checkKey`. */
  check: string
  releases: Record<string, ManifestRelease>
  /** The keys of the site-wide files and of `releases.json`, when the output has them. */
  site: string | null
  model: string | null
  /** Every file of the output, with the hash of its bytes. */
  files: Record<string, string>
}

interface Checked extends ManifestRelease {
  path: string
  file: VFile
}

/** Renderers that use another's files: the site and the e-mail take the PDF. */
const needs: Record<RendererName, RendererName[]> = {pdf: [], site: ['pdf'], email: ['pdf']}

/** Fewer releases than this are rendered in the build's own thread: starting threads costs more than it saves. */
const poolFrom = 4

/** The translation memory, in the state folder. */
const memoryFile = 'memory.json'

export async function buildProject(project: Project, options: BuildOptions): Promise<BuildReport> {
  const started = performance.now()
  const outDir = checkOutputFolder(project.root, options.outDir)
  const state = BuildState.open(outDir)
  try {
    return await build(project, options, state, started)
  } finally {
    state.close()
  }
}

async function build(project: Project, options: BuildOptions, state: BuildState, started: number): Promise<BuildReport> {
  const {config, root} = project
  const previous = state.readManifest<Manifest>()
  const shared = sharedKey(project, options.version)
  const selected = new Set(rendererNames.filter((name) => !options.only || [...options.only].some((wanted) => wanted === name || needs[wanted].includes(name))))
  const context: RenderContext = {config, root, now: options.now, generator: `pressroom ${options.version}`, memo: fileMemo(state.dir)}
  const renders = renderQueue(options, context, state.dir, selected)

  // A release's PDF and e-mail do not depend on what the check finds in other releases: when many are to be
  // made, they render on the threads while the check goes on. The site, which shows those messages, waits.
  const lacking = (hash: string) => {
    const keys = renderKeys(shared, hash, false, [])
    const run = (['pdf', 'email'] as const).filter((name) => selected.has(name) && !existsSync(state.cachePath('renders', `${keys[name]}.json`)))
    return run[0] === 'pdf' ? run.map((name) => ({name, key: keys[name]})) : []
  }
  const releases = await listReleases(root)
  const hashes = releases.map((file) => (statSync(path.join(root, file)).size > limits.releaseBytes ? null : sha256(readFileSync(path.join(root, file)))))
  renders.start(hashes.filter((hash) => hash !== null && lacking(hash).length > 0).length)
  const early = new Map<string, {names: RendererName[]; result: Promise<JobResult | Error>}>()
  const {checked, memory, memoryChanged} = await checkAll(project, options.version, previous, state, releases, hashes, (entry) => {
    if (!renders.threaded() || countMessages([entry.file]).errors > 0 || !releaseIdentity(entry.summary, config)) return
    const run = lacking(entry.hash)
    if (run.length === 0) return
    early.set(entry.path, {names: run.map((item) => item.name), result: renders.run({path: entry.path, hash: entry.hash, published: false, messages: [], run, carried: []})})
  })
  const files = checked.map((entry) => entry.file)
  const report = (ok: boolean, counts: Partial<BuildReport> = {}): BuildReport => ({
    ok, releases: checked.length, written: 0, unchanged: 0, removed: 0, rendered: 0, threads: [], withheld: [], ...countMessages(files), seconds: Math.round(performance.now() - started) / 1000, files, ...counts
  })
  crashPoint('checked')
  if (countMessages(files).errors > 0) {
    await renders.close()
    return report(false)
  }

  // Plan: each renderer's key per release, and what the cache holds or the early renders make.
  const planned: Array<{entry: Checked; identity: ReleaseIdentity; published: boolean; records: Partial<Record<RendererName, RenderRecord>>; first: Promise<JobResult | Error> | null; job: RenderJob | null}> = []
  const withheld: Withheld[] = []
  for (const entry of checked) {
    const identity = releaseIdentity(entry.summary, config)
    if (!identity) continue
    const published = isPublished(entry.summary, options.now)
    const messages = storeMessages(entry.file)
    const keys = renderKeys(shared, entry.hash, published, messages)
    const first = early.get(entry.path)
    const records: Partial<Record<RendererName, RenderRecord>> = {}
    const run: RenderJob['run'] = []
    for (const name of rendererNames) {
      if (first?.names.includes(name)) continue
      const record = state.readJson<RenderRecord>(state.cachePath('renders', `${keys[name]}.json`))
      if (record) records[name] = record
      else if (selected.has(name)) run.push({name, key: keys[name]})
    }
    const job = run.length > 0 ? {path: entry.path, hash: entry.hash, published, messages, run, carried: []} : null
    planned.push({entry, identity, published, records, first: first?.result ?? null, job})
    entry.renders = Object.fromEntries(rendererNames.map((name) => [name, keys[name]]))
    if (!published) withheld.push(withheldFor(entry.path, entry.summary.frontmatter))
  }

  // Render what the cache lacks: each release's early render first, then the rest, with the PDF it made.
  const jobs = planned.filter((plan) => plan.first !== null || plan.job !== null)
  renders.start(jobs.length)
  const threads = new Map<number, number>()
  let done = 0
  // Each release counts for the thread of its first job.
  const settle = (plan: (typeof jobs)[number], result: JobResult | Error, first: boolean) => {
    if (result instanceof Error) {
      addMessage(plan.entry.file, {ruleId: 'build', severity: 'error', reason: `A render thread failed on this release: ${result.message}`, place: null})
      return false
    }
    Object.assign(plan.records, result.records)
    for (const record of Object.values(result.records)) for (const finding of record.findings) addMessage(plan.entry.file, finding)
    if (first && result.thread !== 0) threads.set(result.thread, (threads.get(result.thread) ?? 0) + 1)
    return true
  }
  try {
    await Promise.all(
      jobs.map(async (plan) => {
        const ok = !plan.first || settle(plan, await plan.first, true)
        if (ok && plan.job) settle(plan, await renders.run({...plan.job, carried: plan.records.pdf?.files ?? []}), !plan.first)
        options.onProgress?.({done: ++done, total: jobs.length, current: plan.entry.path})
      })
    )
  } finally {
    await renders.close()
  }
  crashPoint('rendered')
  for (const entry of checked) sortMessages(entry.file)
  const counted = {rendered: jobs.length, threads: [...threads.keys()].sort((a, b) => a - b).map((thread) => threads.get(thread)!), withheld}
  if (countMessages(files).errors > 0) return report(false, counted)

  // What the output holds: each release's files that are still right, the site-wide files, the model.
  const wanted = new Map<string, string>()
  const take = (list: readonly CachedFile[]) => list.forEach((file) => wanted.set(file.path, file.sha))
  const listed: Array<Omit<SiteRelease, 'search'> & {search: string}> = []
  const listedFiles: string[] = []
  for (const plan of planned) {
    for (const name of rendererNames) take(plan.records[name]?.files ?? [])
    const pdf = plan.records.pdf?.files.find((file) => file.path === `pdf/${plan.identity.id}.pdf`)
    if (plan.published && plan.records.site) {
      listed.push({summary: plan.entry.summary, identity: plan.identity, pdf: pdf ? {length: state.sizeOf(pdf.sha)} : null, search: plan.records.site.search!})
      // The feeds hold the text, beyond what the summary says (the search records are named in `listed`).
      listedFiles.push(plan.entry.hash)
    }
    else if (plan.published) withheld.push({path: plan.entry.path, reason: 'not rebuilt'})
  }
  const siteKey = selected.has('site') || previous?.site ? sha256(shared, 'site', JSON.stringify(listed), ...listedFiles) : null
  const withSearch = () => listed.map((item) => ({...item, search: () => JSON.parse(readFileSync(state.cachePath('blobs', item.search), 'utf8')) as SearchRecord[]}))
  if (siteKey) take(await cached(state, siteKey, async () => (await import('../render/site/index.js')).renderSiteWide(withSearch(), context, (file) => loadModel(state, checked, file))))
  const modelKey = sha256(options.version, 'model', ...checked.map((entry) => `${entry.path}\0${entry.hash}`))
  take(await cached(state, modelKey, async () => [{path: 'releases.json', data: serializeModel(checked, state, context.generator)}]))

  // Place, remove, and write the manifest last.
  let written = 0
  let unchanged = 0
  let removed = 0
  const place = [...wanted].sort(([a], [b]) => a.localeCompare(b))
  for (const [i, [file, sha]] of place.entries()) {
    if (i === Math.floor(place.length / 2)) crashPoint('placing')
    if (state.holds({path: file, sha})) {
      unchanged++
      continue
    }
    state.place({path: file, sha})
    written++
  }
  crashPoint('placed')
  for (const file of Object.keys(previous?.files ?? {})) {
    if (wanted.has(file)) continue
    state.remove(file)
    removed++
  }
  crashPoint('removed')
  const manifest: Manifest = {
    version: options.version,
    check: checkKey(project, options.version),
    releases: Object.fromEntries(
      checked.map(({path: file, hash, messages, summary, renders, file: vfile}) => {
        const across = storeMessages(vfile).filter((message) => projectRuleIds.has(message.ruleId))
        return [file, {hash, messages, across, summary, renders}]
      })
    ),
    site: siteKey,
    model: modelKey,
    files: Object.fromEntries(wanted)
  }
  // The translation memory, for the next build, the preview and `tm export`.
  if (memory && memoryChanged) await saveMemory(path.join(state.dir, memoryFile), memory)
  state.writeManifest(manifest)
  crashPoint('manifest')
  state.collect({
    blobs: new Set([...wanted.values(), ...planned.flatMap((plan) => plan.records.site?.search ?? [])]),
    renders: new Set([...checked.flatMap((entry) => Object.values(entry.renders)), siteKey, modelKey].map((key) => `${key}.json`)),
    models: new Set(checked.map((entry) => `${entry.hash}.json`))
  })
  return report(true, {...counted, written, unchanged, removed})
}

/**
 * Where releases render: on a pool of threads once `start` is given enough
 * releases, else in this thread, one job at a time. A thread that fails
 * outside a job (as it starts) stops the pool: its jobs fail with that reason.
 */
function renderQueue(options: BuildOptions, context: RenderContext, stateDir: string, selected: ReadonlySet<RendererName>) {
  let pool: Piscina | null = null
  let failure: Error | null = null
  let environment: Promise<RenderEnvironment> | null = null
  let here: Promise<unknown> = Promise.resolve()
  return {
    start(releases: number) {
      if (pool || options.jobs < 2 || releases < poolFrom) return
      const setup: WorkerSetup = {configPath: options.configPath, now: options.now.toISOString(), generator: context.generator, stateDir}
      const started = new Piscina({filename: new URL('./worker.js', import.meta.url).href, workerData: setup, maxThreads: Math.min(options.jobs, releases), minThreads: 0})
      started.on('error', (error: Error) => {
        failure ??= error
        void started.destroy()
      })
      pool = started
    },
    threaded: () => pool !== null,
    run(job: RenderJob): Promise<JobResult | Error> {
      if (pool) return (pool.run(job) as Promise<JobResult>).catch((error: Error) => failure ?? error)
      const result = here.then(async () => {
        const {renderEnvironment, renderJob} = await import('./render.js')
        return renderJob(job, await (environment ??= renderEnvironment(context, stateDir, [...selected])))
      })
      // A job that throws fails the build, and those after it do not render.
      here = result
      return result
    },
    close: async () => pool?.destroy()
  }
}

/**
 * Reads and checks every release. A file whose bytes and check inputs are
 * those of the last build keeps its messages and summary from the manifest;
 * the others are parsed and checked one at a time, and their model goes to
 * the cache, not into memory. Rules that compare releases run again unless
 * no release changed; then the translation memory is not even read.
 */
async function checkAll(project: Project, version: string, previous: Manifest | null, state: BuildState, files: readonly string[], hashes: ReadonlyArray<string | null>, onChecked: (entry: Checked) => void): Promise<{checked: Checked[]; memory: Memory | null; memoryChanged: boolean}> {
  const key = checkKey(project, version)
  const known = previous?.check === key ? previous.releases : {}
  const glossary = project.config.glossary
  const asBefore = (file: string, i: number) => known[file]?.hash === hashes[i] && known[file]?.across !== undefined && existsSync(state.cachePath('models', `${hashes[i]}.json`))
  if (files.length === Object.keys(known).length && files.every(asBefore) && existsSync(path.join(state.dir, memoryFile))) {
    const checked = files.map((file) => {
      const vfile = new VFile({path: file})
      restoreMessages(vfile, [...known[file]!.messages, ...known[file]!.across!])
      return {...known[file]!, path: file, file: vfile, renders: {}}
    })
    return {checked, memory: null, memoryChanged: false}
  }
  // The Markdown reader is loaded only when a release is to be read.
  const reader = () => import('../release/parse.js')
  const remembered = (await loadMemory(path.join(state.dir, memoryFile))).memory
  const checked: Checked[] = []
  const memory: ReleaseMemory[] = []
  let kept = 0
  // Each release checked is handed on, and the thread yields, so that render threads get their next job.
  const add = async (entry: Checked) => {
    checked.push(entry)
    onChecked(entry)
    await new Promise(setImmediate)
  }
  for (const file of files) {
    // A huge file is refused by its size, before it is read: the check fails, so nothing of it is kept.
    const size = statSync(path.join(project.root, file)).size
    if (size > limits.releaseBytes) {
      const entry = (await reader()).oversizedRelease(file, size)
      checked.push({path: file, hash: '', file: entry.file, messages: [], summary: summarizeRelease(entry.release), renders: {}})
      continue
    }
    const bytes = readFileSync(path.join(project.root, file))
    const hash = sha256(bytes)
    const before = known[file]
    const inMemory = remembered?.releases.get(file)
    if (before?.hash === hash && inMemory?.hash === memoryHash(decodeSource(bytes).text, glossary) && existsSync(state.cachePath('models', `${hash}.json`))) {
      const vfile = new VFile({path: file})
      restoreMessages(vfile, before.messages)
      memory.push(inMemory)
      kept++
      await add({...before, path: file, file: vfile, renders: {}})
      continue
    }
    const entry = (await reader()).parseRelease(file, bytes)
    checkRelease(entry, project.config)
    writeWhole(state.dir, state.cachePath('models', `${hash}.json`), modelFragment(entry.release))
    if (!entry.unread) memory.push(releaseMemory(entry.release, String(entry.file.value), glossary))
    await add({path: file, hash, file: entry.file, messages: storeMessages(entry.file, projectRuleIds), summary: summarizeRelease(entry.release), renders: {}})
  }
  const archive = memoryOf(memory)
  checkAcross(checked.map((entry) => ({release: entry.summary, file: entry.file})), project.config, archive)
  return {checked, memory: archive, memoryChanged: kept !== memory.length || kept !== remembered?.releases.size}
}

/** What the check depends on besides each file: the tool's version, the config and glossary, and the fonts (for `missing-glyph`). */
function checkKey(project: Project, version: string): string {
  return sha256(version, configKey(project.config), project.config.coverage?.fingerprint ?? 'fonts unreadable')
}

/** What every output depends on besides its release: the version, the config, the templates and the fonts. */
function sharedKey(project: Project, version: string): string {
  const parts: string[] = [version, configKey(project.config)]
  const files = new Set<string>()
  for (const folder of ['templates', 'fonts']) {
    for (const file of filesUnder(path.join(project.root, folder))) files.add(file)
  }
  for (const font of Object.values(project.config.fonts).flatMap((roles) => Object.values(roles).flat())) files.add(fontPath(project.config.root, font))
  for (const file of [...files].sort()) {
    let bytes: Uint8Array | string = 'missing'
    try {
      bytes = readFileSync(file)
    } catch {
      // A missing font is the renderers' to report; here it only changes the key.
    }
    parts.push(path.relative(project.root, file), sha256(bytes))
  }
  return sha256(...parts)
}

/**
 * The key of each renderer's result for a release: everything it is made
 * from. The site shows whether the release is published and the check's
 * messages (the preview); the site and the e-mail carry the PDF.
 */
export function renderKeys(shared: string, hash: string, published: boolean, messages: readonly StoredMessage[]): Record<RendererName, string> {
  const pdf = sha256(shared, 'pdf', hash)
  return {
    pdf,
    site: sha256(shared, 'site', hash, String(published), JSON.stringify(messages), pdf),
    email: sha256(shared, 'email', hash, pdf)
  }
}

/** The files cached under `key`, made (and cached) first when the cache lacks them. */
async function cached(state: BuildState, key: string, make: () => Promise<Array<{path: string; data: string | Uint8Array | Iterable<string>}>>): Promise<CachedFile[]> {
  const file = state.cachePath('renders', `${key}.json`)
  const record = state.readJson<RenderRecord>(file)
  if (record) return record.files
  const files: CachedFile[] = []
  for (const made of await make()) files.push({path: made.path, sha: writeBlob(state.dir, made.data)})
  writeWhole(state.dir, file, JSON.stringify({files, findings: []}))
  return files
}

/** `releases.json` from the models in the cache (`modelFragment`), sorted by path. */
function serializeModel(checked: readonly Checked[], state: BuildState, generator: string): Generator<string> {
  const sorted = [...checked].sort((a, b) => a.path.localeCompare(b.path))
  return releasesJson(sorted.map((entry) => () => readFileSync(state.cachePath('models', `${entry.hash}.json`), 'utf8')), generator)
}

async function loadModel(state: BuildState, checked: readonly Checked[], file: string) {
  const entry = checked.find((candidate) => candidate.path === file)!
  return JSON.parse(readFileSync(state.cachePath('models', `${entry.hash}.json`), 'utf8'))
}
