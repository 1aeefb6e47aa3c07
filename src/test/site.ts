import type {OutputFile} from '../render/renderer.js'
import type {Config} from '../config/model.js'
import {isPublished, releaseIdentity} from '../release/identity.js'
import {summarizeRelease} from '../release/summary.js'
import {createSiteRenderer, renderSiteWide, type SiteRelease} from '../render/site/index.js'
import {checkTexts, projectConfig, renderedRelease, repoRoot} from './project.js'

export interface TestSiteOptions {
  config?: Config
  root?: string
  now?: Date
  /** The PDF each release gets from the PDF renderer; none when not given. */
  pdf?: Uint8Array
}

/**
 * Checks releases given as path → text and renders them with the site
 * renderer as the build does: each release's files, then the site-wide
 * files over the published ones. Returns every file by path.
 */
export async function renderTestSite(files: Record<string, string>, options: TestSiteOptions = {}): Promise<Map<string, OutputFile['data']>> {
  const config = options.config ?? projectConfig()
  const entries = checkTexts(files, config)
  const now = options.now ?? new Date('2026-03-01T00:00:00Z')
  const context = {config, root: options.root ?? repoRoot, now, generator: 'pressroom 0.1.0'}
  const renderer = createSiteRenderer()
  await renderer.prepare!(context)
  const out = new Map<string, OutputFile['data']>()
  const listed: SiteRelease[] = []
  for (const entry of entries) {
    const identity = releaseIdentity(entry.release, config)!
    const published = isPublished(entry.release, now)
    const pdf = options.pdf ? [{path: `pdf/${identity.id}.pdf`, data: options.pdf}] : []
    const {files, search} = await renderer.renderRelease(renderedRelease(entry, config, pdf, published), context)
    for (const file of files) out.set(file.path, file.data)
    if (published) listed.push({summary: summarizeRelease(entry.release), identity, pdf: options.pdf ? {length: options.pdf.length} : null, search: () => search ?? []})
  }
  const load = async (file: string) => entries.find((entry) => entry.release.path === file)!.release
  for (const file of await renderSiteWide(listed, context, load)) out.set(file.path, file.data)
  return out
}
