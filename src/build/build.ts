import {readFileSync, statSync} from 'node:fs'
import {readFile, stat, utimes} from 'node:fs/promises'
import path from 'node:path'
import type {VFile} from 'vfile'
import {sourceOf, type CheckEntry} from '../check/index.js'
import {addMessage} from '../diagnostic/message.js'
import {isPublished, releaseIdentity} from '../release/identity.js'
import type {Release} from '../release/model.js'
import {carryMemo, fileMemo, recoverOutput, stageOutput} from './output.js'
import {storeMessages} from '../check/cache.js'
import {minimumJobsForWorkers, RenderPool} from './pool.js'
import type {WorkerSetup} from './worker.js'
import {renderJob, writeOutcome, type JobLookup, type RenderJob, type RenderOutcome, type WrittenOutcome} from './render.js'
import type {OutputFile, RenderContext, RenderedRelease, Renderer} from './renderer.js'
import {sha256} from '../hash.js'
import {filesUnder} from './files.js'
import {fontPath} from '../package.js'
import {configKey} from '../config/key.js'

export type RendererName = Renderer['name']

export interface BuildOptions {
  outDir: string
  /** Renderers to run; outputs of the others are carried over from the previous build. */
  only: ReadonlySet<RendererName> | null
  now: Date
  version: string
  /** Worker threads to render on; 1 renders in this thread. */
  jobs: number
  /** For worker threads: the config file they load the project from. */
  configPath: string
  /** More files to write with the outputs (the check cache), made only when something changed. */
  extraFiles?: ReadonlyArray<{path: string; data: () => Iterable<string>}>
  /** Render workers the caller started early; the build closes them once rendered. Without it the build starts its own when there is enough to do. */
  pool?: RenderPool
  onProgress?: (event: {done: number; total: number; current: string}) => void
}

export interface BuildReport {
  ok: boolean
  releases: number
  /** Files written anew. */
  written: number
  /** Files carried over from the previous build unchanged. */
  unchanged: number
  /** Releases rendered (not carried over). */
  rendered: number
  warnings: number
  errors: number
  seconds: number
  files: VFile[]
}

interface ManifestEntry {
  hash: string
  files: Partial<Record<RendererName, string[]>>
}

interface Manifest {
  version: string
  releases: Record<string, ManifestEntry>
  site: {hash: string; files: string[]}
}

const manifestName = '.pressroom-manifest.json'

interface Planned {
  entry: CheckEntry
  item: RenderedRelease
  record: ManifestEntry
  /** Files of the previous output the release keeps, by renderer. */
  kept: Partial<Record<RendererName, string[]>>
  job: RenderJob | null
}

/**
 * Renders checked releases into the output folder. A release is rendered
 * again only when its file, the config, the glossary, the templates, the
 * fonts or the tool's version changed (content hashes kept in a manifest);
 * index pages, feeds and the sitemap when any release changed. Outputs of
 * deleted or renamed releases disappear because the folder is rebuilt whole
 * and swapped in (see output.ts). Render errors (a missing glyph) are
 * reported on the release's file, and nothing is written.
 */
export async function buildOutputs(
  root: string,
  entries: readonly CheckEntry[],
  /**
   * The renderers in the order they run, loaded (those named, in that
   * order) only when something needs rendering; `site` names those that make
   * site-wide files.
   */
  renderers: {names: readonly RendererName[]; site: readonly RendererName[]; load: (names: readonly RendererName[]) => Promise<readonly Renderer[]>},
  lookup: JobLookup,
  context: RenderContext,
  options: BuildOptions
): Promise<BuildReport> {
  const started = performance.now()
  const files = entries.map((entry) => entry.file)
  // A half-swapped output left by a killed build is put back first, even when nothing is to be written.
  await recoverOutput(options.outDir)
  const found = await readManifest(options.outDir)
  const previous = found?.version === options.version ? found : null
  const shared = await sharedHash(root, context, options.version)
  const selected = new Set(renderers.names.filter((name) => !options.only || options.only.has(name)))
  // Each renderer is loaded once, whether for releases or for the site.
  const loaded = new Map<RendererName, Promise<Renderer>>()
  const load = async (names: readonly RendererName[]): Promise<Renderer[]> => {
    const missing = names.filter((name) => !loaded.has(name))
    if (missing.length > 0) {
      const made = renderers.load(missing)
      missing.forEach((name, i) => loaded.set(name, made.then((all) => all[i]!)))
    }
    return Promise.all(renderers.names.filter((name) => names.includes(name)).map((name) => loaded.get(name)!))
  }

  // Plan: what each release needs rendered, and which files it keeps.
  const planned: Planned[] = []
  for (const entry of entries) {
    const {release} = entry
    const identity = releaseIdentity(release, context.config)
    if (!identity) continue
    // Whether the release is published at `now` decides what the site shows
    // of it; its messages, some from rules that compare releases, are in its preview.
    const messages = storeMessages(entry.file, new Set())
    // The check's hash of the file (its bytes and the check's inputs), when it made one, spares hashing the text again.
    const hash = sha256(shared, entry.hash ?? sourceOf(entry), String(isPublished(release, context.now)), JSON.stringify(messages))
    const before = previous?.releases[release.path]
    const fresh = before?.hash === hash
    const run = renderers.names.filter((name) => selected.has(name) && !(fresh && before.files[name]))
    const kept = Object.fromEntries(renderers.names.filter((name) => !run.includes(name) && before?.files[name]).map((name) => [name, before!.files[name]!]))
    planned.push({
      entry,
      item: {release, identity, files: []},
      record: {hash, files: {}},
      kept,
      job: run.length > 0 ? {release, identity, source: sourceOf(entry), messages, run, carried: []} : null
    })
  }
  const jobs = planned.filter((plan) => plan.job !== null)
  const siteHash = sha256(shared, ...planned.map((plan) => plan.record.hash), [...selected].join())
  const nothingChanged = previous?.site.hash === siteHash && jobs.length === 0

  // Nothing to render, the site the same and the model and check cache in
  // place: the output stays as it is. (Without its check cache, the next
  // build would check every release again.)
  const modelFiles = ['releases.json', ...(options.extraFiles ?? []).map((file) => file.path)]
  if (nothingChanged && (await Promise.all(modelFiles.map((file) => exists(path.join(options.outDir, file))))).every(Boolean)) {
    const counts = countMessages(files)
    if (counts.errors > 0) return {ok: false, releases: entries.length, written: 0, unchanged: 0, rendered: 0, ...counts, seconds: elapsed(started), files}
    const unchanged = planned.reduce((sum, plan) => sum + Object.values(plan.kept).flat().length, 0) + previous.site.files.length + modelFiles.length
    // The manifest's time is when the sources were last built: the next build
    // compares release files against it to guess whether to start workers early.
    const now = new Date()
    await utimes(path.join(options.outDir, manifestName), now, now).catch(() => undefined)
    return {ok: true, releases: entries.length, written: 0, unchanged, rendered: 0, ...counts, seconds: elapsed(started), files}
  }

  const stage = await stageOutput(options.outDir)
  const pool = options.pool ?? new RenderPool(workerSetup(options, context))
  context = {...context, memo: fileMemo(options.outDir, stage.dir)}
  const manifest: Manifest = {version: options.version, releases: {}, site: {hash: '', files: []}}
  let written = 0
  let unchanged = 0
  // Work this thread does while the workers render.
  let meanwhile: Promise<void> = Promise.resolve()
  try {
    const carry = async (plan: Planned) => {
      for (const [name, previousFiles] of Object.entries(plan.kept) as Array<[RendererName, string[]]>) {
        const carried: string[] = []
        for (const file of previousFiles) {
          if (!(await stage.carry(file))) continue
          carried.push(file)
          unchanged++
          // Later renderers may need it (the e-mail attaches the PDF): read it only then.
          if (plan.job) plan.job.carried.push({path: file, data: await readFile(path.join(stage.dir, file))})
        }
        if (carried.length > 0) plan.record.files[name] = carried
      }
      if (plan.job) plan.item.files.push(...plan.job.carried)
    }
    // A release rendered again with some of its files kept (the e-mail
    // alone, say) needs those first; the other releases' files are carried
    // over while the rendering runs, and are needed only by the site.
    const needed = (plan: Planned) => plan.job !== null && Object.keys(plan.kept).length > 0
    await inBatches(planned.filter(needed), carry)
    stage.prefill(planned.filter((plan) => !needed(plan)).flatMap((plan) => Object.values(plan.kept).flat()))
    meanwhile = inBatches(
      planned.filter((plan) => !needed(plan)),
      carry
    )
    // Awaited below; settled here too, so that a failure is not reported as unhandled in between.
    meanwhile.catch(() => undefined)

    // Render, on worker threads when there is enough to do (they write the
    // files), else here, writing each release's files as soon as they come
    // so that they need not stay in memory.
    const record = (plan: Planned, outcome: WrittenOutcome) => {
      for (const finding of outcome.findings) addMessage(plan.entry.file, finding)
      for (const [name, made] of Object.entries(outcome.files) as Array<[RendererName, string[]]>) {
        written += made.length
        plan.record.files[name] = made
      }
    }
    const keep = async (plan: Planned, outcome: RenderOutcome) => record(plan, await writeOutcome(outcome, (file) => stage.write(file.path, file.data)))
    // The model and the check cache. Rendering adds only errors to the
    // releases' messages, and an error means no output at all, so they can
    // be written before it, once.
    let modelWrite: Promise<void> | null = null
    const writeModel = () =>
      (modelWrite ??= (async () => {
        for (const file of [{path: 'releases.json', data: () => serializeModel(entries.map((entry) => entry.release), context.generator)}, ...(options.extraFiles ?? [])]) {
          await stage.write(file.path, file.data())
          written++
        }
      })())
    // The site-wide files are begun while releases render: the build settles
    // `rendered` once every release's files are in the new output.
    let settleRendered!: (error?: Error) => void
    const rendered = new Promise<void>((resolve, reject) => {
      settleRendered = (error) => (error ? reject(error) : resolve())
    })
    rendered.catch(() => undefined)
    let site: Promise<OutputFile[]> | null = null
    const startSite = () => {
      site ??= (async () => {
        const made: OutputFile[] = []
        for (const renderer of await load(renderers.site.filter((name) => selected.has(name)))) {
          made.push(...((await renderer.renderSite?.(done, context, rendered)) ?? []))
        }
        return made
      })()
      // Awaited below; until then a failure must not count as unhandled.
      site.catch(() => undefined)
    }
    const done = planned.map((plan) => plan.item)
    let finished = 0
    const progress = (plan: Planned) => options.onProgress?.({done: ++finished, total: jobs.length, current: plan.entry.release.path})
    const kept = new Set<Planned>()
    // Workers already started (the build expected changes) are used for any
    // number of releases; new ones only when there are enough to share.
    if (options.jobs > 1 && jobs.length > 0 && (jobs.length >= minimumJobsForWorkers || pool.size > 0)) {
      const rendering = pool.run(
        jobs.map((plan) => plan.job!),
        options.jobs,
        stage.dir,
        (index, outcome) => {
          const plan = jobs[index]!
          kept.add(plan)
          // The worker wrote the files; they are claimed here.
          for (const file of Object.values(outcome.files).flat()) stage.claim(file)
          record(plan, outcome)
          progress(plan)
        }
      )
      // While the workers render, this thread writes the model, and with a
      // few releases to render it begins the site; with many, the site waits
      // for the workers, whose memory it then uses.
      if (jobs.length < minimumJobsForWorkers) startSite()
      meanwhile = meanwhile.then(writeModel)
      meanwhile.catch(() => undefined)
      try {
        await rendering
      } catch {
        // A worker that stopped (out of its memory allowance on a very long
        // release, say) leaves its releases to this thread, below.
      }
    }
    // Done with the workers: their memory is the site's to use. With a few
    // releases rendered, memory is no concern and the build goes on at once.
    const closing = pool.close()
    if (jobs.length >= minimumJobsForWorkers) await closing
    else closing.catch(() => undefined)
    const rest = jobs.filter((plan) => !kept.has(plan))
    startSite()
    if (rest.length > 0) {
      const all = await load(renderers.names)
      for (const renderer of all) if (selected.has(renderer.name)) await renderer.prepare?.(context)
      for (const plan of rest) {
        lookup.add(plan.job!)
        await keep(plan, await renderJob(plan.job!, all, context))
        progress(plan)
      }
    }

    await meanwhile
    for (const plan of planned) manifest.releases[plan.entry.release.path] = plan.record

    const counts = countMessages(files)
    if (counts.errors > 0) {
      settleRendered(new Error('the build has errors'))
      await Promise.allSettled([meanwhile, site])
      await stage.abort()
      return {ok: false, releases: entries.length, written: 0, unchanged: 0, rendered: jobs.length, ...counts, seconds: elapsed(started), files}
    }

    // Site-wide files depend on every release, including whether it is
    // published at `now`, which each release's hash holds. The site reads
    // releases' files (a PDF's size, the characters of the pages): each is
    // read from the new output only when asked for.
    for (const plan of planned) {
      plan.item.files = Object.values(plan.record.files)
        .flat()
        .map((file) => stagedFile(stage.dir, file))
    }
    settleRendered()
    const siteFiles = await site!
    await inBatches(siteFiles, (file) => stage.write(file.path, file.data))
    written += siteFiles.length
    manifest.site = {hash: siteHash, files: siteFiles.map((file) => file.path)}

    await (meanwhile = meanwhile.then(writeModel))
    await stage.write(manifestName, `${JSON.stringify(manifest, null, 2)}\n`)
    await carryMemo(options.outDir, stage)
    await stage.commit()
    return {ok: true, releases: entries.length, written, unchanged, rendered: jobs.length, ...countMessages(files), seconds: elapsed(started), files}
  } catch (error) {
    await meanwhile.catch(() => undefined)
    await stage.abort()
    throw error
  } finally {
    await pool.close()
  }
}

/** What a render worker needs to load the project as this build sees it. */
export function workerSetup(options: Pick<BuildOptions, 'configPath' | 'outDir'>, context: Pick<RenderContext, 'now' | 'generator'>): WorkerSetup {
  return {configPath: options.configPath, now: context.now.toISOString(), generator: context.generator, outDir: options.outDir}
}

/** A file of the new output whose bytes are read when first used. */
function stagedFile(dir: string, relative: string): OutputFile {
  let data: Uint8Array | undefined
  return {
    path: relative,
    get size() {
      return data?.byteLength ?? statSync(path.join(dir, relative)).size
    },
    get data() {
      data ??= new Uint8Array(readFileSync(path.join(dir, relative)))
      return data
    }
  }
}

/** Runs `work` on every item, a few at a time: file writes overlap without opening thousands of files at once. */
async function inBatches<T>(items: readonly T[], work: (item: T) => Promise<void>, size = 16): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work))
}

/**
 * The parsed model of every release, as `JSON.stringify({generator,
 * releases}, null, 2)` writes it, one release at a time: the whole text of
 * hundreds of releases would be tens of megabytes in memory at once. No
 * clock, so the bytes depend on the input alone.
 */
export function* serializeModel(releases: readonly Release[], generator: string): Generator<string> {
  const sorted = [...releases].sort((a, b) => a.path.localeCompare(b.path))
  yield `{\n  "generator": ${JSON.stringify(generator)},\n  "releases": [`
  // A release as it stands in the array: stringified inside an array inside
  // an object, then cut out, so that JSON.stringify does the indenting.
  const head = '{\n  "releases": [\n'
  const tail = '\n  ]\n}'
  for (const [i, release] of sorted.entries()) {
    const nested = JSON.stringify({releases: [release]}, null, 2)
    yield `${i > 0 ? ',' : ''}\n${nested.slice(head.length, nested.length - tail.length)}`
  }
  yield sorted.length > 0 ? '\n  ]\n}\n' : ']\n}\n'
}

function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false
  )
}

async function readManifest(outDir: string): Promise<Manifest | null> {
  try {
    const manifest = JSON.parse(await readFile(path.join(outDir, manifestName), 'utf8')) as Manifest
    return manifest && typeof manifest.releases === 'object' && manifest.site ? manifest : null
  } catch {
    return null
  }
}

/** Everything besides a release's own file that its outputs depend on. */
async function sharedHash(root: string, context: RenderContext, version: string): Promise<string> {
  const parts: string[] = [version, configKey(context.config)]
  const files = new Set<string>()
  for (const folder of ['templates', 'fonts']) {
    for (const file of filesUnder(path.join(root, folder))) files.add(file)
  }
  for (const font of Object.values(context.config.fonts).flatMap((roles) => Object.values(roles).flat())) {
    files.add(fontPath(context.config.root, font))
  }
  // Read in this thread: a few megabytes, and the thread pool may be busy staging the output.
  for (const file of [...files].sort()) {
    let bytes: Uint8Array | null = null
    try {
      bytes = readFileSync(file)
    } catch {
      // A missing font is reported by the renderers; here it only changes the hash.
    }
    parts.push(path.relative(root, file), bytes ? sha256(bytes) : 'missing')
  }
  return sha256(...parts)
}



function countMessages(files: readonly VFile[]) {
  let warnings = 0
  let errors = 0
  for (const file of files) {
    for (const message of file.messages) {
      if (message.fatal === true) errors++
      else if (message.fatal === false) warnings++
    }
  }
  return {warnings, errors}
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started) / 1000
}
