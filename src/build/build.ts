import {createHash} from 'node:crypto'
import {readdir, readFile} from 'node:fs/promises'
import path from 'node:path'
import type {VFile} from 'vfile'
import type {CheckEntry} from '../check/index.js'
import {addMessage} from '../diagnostic/message.js'
import {releaseIdentity} from '../release/identity.js'
import type {Release} from '../release/model.js'
import {stageOutput} from './output.js'
import type {OutputFile, RenderContext, RenderedRelease, Renderer} from './renderer.js'

export type RendererName = Renderer['name']

export interface BuildOptions {
  outDir: string
  /** Renderers to run; outputs of the others are carried over from the previous build. */
  only: ReadonlySet<RendererName> | null
  now: Date
  version: string
  /** More files to write with the outputs (the check cache). */
  extraFiles?: readonly OutputFile[]
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
  files: Record<string, string[]>
}

interface Manifest {
  version: string
  releases: Record<string, ManifestEntry>
  site: {hash: string; files: string[]}
}

const manifestName = '.pressroom-manifest.json'

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
  renderers: readonly Renderer[],
  context: RenderContext,
  options: BuildOptions
): Promise<BuildReport> {
  const started = performance.now()
  const files = entries.map((entry) => entry.file)
  const previous = await readManifest(options.outDir)
  const shared = await sharedHash(root, context, options.version)
  const selected = renderers.filter((renderer) => !options.only || options.only.has(renderer.name))
  for (const renderer of selected) await renderer.prepare?.(context)

  const stage = await stageOutput(options.outDir)
  const manifest: Manifest = {version: options.version, releases: {}, site: {hash: '', files: []}}
  let written = 0
  let unchanged = 0
  let rendered = 0
  const done: RenderedRelease[] = []
  try {
    for (const [index, entry] of entries.entries()) {
      const {release} = entry
      options.onProgress?.({done: index, total: entries.length, current: release.path})
      const identity = releaseIdentity(release, context.config)
      if (!identity) continue
      const hash = sha256(shared, String(entry.file.value))
      const before = previous?.releases[release.path]
      const item: RenderedRelease = {release, identity, files: []}
      const record: ManifestEntry = {hash, files: {}}
      const fresh = before?.hash === hash && previous?.version === options.version
      const runs = renderers.map((renderer) => selected.includes(renderer) && !(fresh && before.files[renderer.name]))
      let renderedThis = false
      for (const [position, renderer] of renderers.entries()) {
        if (!runs[position]) {
          // Carried over: unchanged, or not selected with --only.
          const carried = before?.files[renderer.name] ?? []
          const kept: string[] = []
          for (const file of carried) {
            if (!(await stage.carry(file))) continue
            kept.push(file)
            unchanged++
            // Later renderers may need it (the e-mail attaches the PDF): read it only then.
            if (runs.slice(position + 1).some(Boolean)) item.files.push({path: file, data: await readFile(path.join(options.outDir, file))})
          }
          if (kept.length > 0) record.files[renderer.name] = kept
          continue
        }
        const result = await renderer.renderRelease?.(item, context)
        if (!result) continue
        renderedThis = true
        for (const finding of result.findings) {
          addMessage(entry.file, {...finding, severity: finding.severity})
        }
        if (result.findings.some((finding) => finding.severity === 'error')) continue
        for (const file of result.files) {
          await stage.write(file.path, file.data)
          written++
        }
        item.files.push(...result.files)
        record.files[renderer.name] = result.files.map((file) => file.path)
      }
      if (renderedThis) rendered++
      manifest.releases[release.path] = record
      done.push(item)
    }
    options.onProgress?.({done: entries.length, total: entries.length, current: ''})

    const counts = countMessages(files)
    if (counts.errors > 0) {
      await stage.abort()
      return {ok: false, releases: entries.length, written: 0, unchanged: 0, rendered, ...counts, seconds: elapsed(started), files}
    }

    // Site-wide files depend on every release and on the publication clock.
    const siteHash = sha256(shared, ...done.map((item) => manifest.releases[item.release.path]!.hash), context.now.toISOString())
    if (previous?.site.hash === siteHash && rendered === 0) {
      for (const file of previous.site.files) if (await stage.carry(file)) unchanged++
      manifest.site = previous.site
    } else {
      const siteFiles: OutputFile[] = []
      for (const renderer of selected) siteFiles.push(...((await renderer.renderSite?.(done, context)) ?? []))
      for (const file of siteFiles) await stage.write(file.path, file.data)
      written += siteFiles.length
      manifest.site = {hash: siteHash, files: siteFiles.map((file) => file.path)}
    }

    await stage.write('releases.json', serializeModel(entries.map((entry) => entry.release), context.generator))
    written++
    for (const file of options.extraFiles ?? []) await stage.write(file.path, file.data)
    await stage.write(manifestName, `${JSON.stringify(manifest, null, 2)}\n`)
    await stage.commit()
  } catch (error) {
    await stage.abort()
    throw error
  }
  return {ok: true, releases: entries.length, written, unchanged, rendered, ...countMessages(files), seconds: elapsed(started), files}
}

/** The parsed model of every release; no clock, so the bytes depend on the input alone. */
export function serializeModel(releases: readonly Release[], generator: string): string {
  const sorted = [...releases].sort((a, b) => a.path.localeCompare(b.path))
  return `${JSON.stringify({generator, releases: sorted}, null, 2)}\n`
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
  const parts: string[] = [version, JSON.stringify({...context.config, positions: undefined})]
  for (const folder of ['templates', 'fonts']) {
    for (const file of await listFiles(path.join(root, folder))) {
      parts.push(file, sha256(await readFile(path.join(root, folder, file))))
    }
  }
  for (const font of Object.values(context.config.fonts).flatMap((roles) => Object.values(roles).flat())) {
    const bytes = await readFile(path.resolve(context.config.root, font)).catch(() => null)
    parts.push(font, bytes ? sha256(bytes) : 'missing')
  }
  return sha256(...parts)
}

async function listFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir, {recursive: true, withFileTypes: true}).catch(() => [])
  return names
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort()
}

function sha256(...parts: Array<string | Uint8Array>): string {
  const hash = createHash('sha256')
  for (const part of parts) {
    hash.update(part)
    hash.update('\0')
  }
  return hash.digest('hex')
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
