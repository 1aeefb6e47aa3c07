import type {OutputFile, RenderContext, RenderedRelease, Renderer} from '../../build/renderer.js'
import {isPublished} from '../../release/identity.js'
import type {Release} from '../../release/model.js'
import {loadPreviewAssets} from '../../preview/assets.js'
import type {MessageInput} from '../../preview/messages.js'
import {renderPreview, type PreviewAssets} from '../../preview/render-preview.js'
import {loadSiteAssets, type SiteAssets} from './assets.js'
import {catalogueOf} from './catalogue.js'
import {feedReleases, renderFeed} from './feed.js'
import {renderWebFonts} from './fonts.js'
import {formatDate, headlineOf, indexInputs, releaseLangs, renderHomePage, renderIndexPage, renderReleasePage, renderSearchPage, type SiteContext, type SiteRelease} from './pages.js'
import {loadCardFonts, renderCard, type CardText} from '../card/index.js'
import {buildSearchIndex, type SearchFile} from '../../search/index.js'
import {searchRecords} from './search.js'
import type {Config} from '../../config/model.js'
import type {Lang} from '../../release/model.js'
import {sha256} from '../../hash.js'
import {renderSitemap, sitemapInputs} from './sitemap.js'
import {fileOf, sitePaths} from './urls.js'
import {configKey} from '../../config/key.js'

export interface SiteRendererOptions {
  /**
   * The messages the check added to a release's file (vfile messages, or
   * the build's stored ones: `lookup.messagesFor` fits). When given, each
   * release also gets its translator's preview, `preview/<id>.html`, drafts
   * and embargoed releases included; without it no previews are written.
   */
  messagesFor?: (release: Release) => readonly MessageInput[]
}

/** Where the site goes in the output folder: CI publishes `out/site/`. */
const siteFolder = 'site/'

/**
 * The press page (`out/site/`) and the previews (`out/preview/`).
 *
 * `renderRelease` writes the preview and, for a release on the site, its
 * pages in both languages and its PDF; `renderSite` writes what depends on
 * all releases: an index and an Atom feed per language, the sitemap,
 * `releases.json`, the stylesheet and the web fonts, subset to the
 * characters the pages use. A release is on the site when
 * `isPublished(release, context.now)`; the build renders a release again
 * when that changes. The PDF is the file `pdf/<id>.pdf` among the release's
 * `files`.
 */
export function createSiteRenderer(options: SiteRendererOptions = {}): Renderer {
  let site: Promise<SiteAssets> | null = null
  let preview: Promise<PreviewAssets> | null = null
  const siteAssets = (context: RenderContext) => (site ??= loadSiteAssets(context.root, context.config))
  const previewAssets = (context: RenderContext) => (preview ??= loadPreviewAssets(context.root, context.config, context.memo))
  return {
    name: 'html',
    async prepare(context) {
      site = loadSiteAssets(context.root, context.config)
      preview = options.messagesFor ? loadPreviewAssets(context.root, context.config, context.memo) : null
      await Promise.all([site, preview])
    },
    async renderRelease(rendered, context) {
      const {release, identity} = rendered
      const files: OutputFile[] = []
      if (options.messagesFor) {
        const html = renderPreview({release, file: {messages: options.messagesFor(release)}}, context.config, {
          assets: await previewAssets(context)
        })
        files.push({path: `preview/${identity.id}.html`, data: html})
      }
      files.push(...renderReleaseFiles(rendered, await siteAssets(context), context))
      return {files, findings: []}
    },
    async renderSite(releases, context, rendered) {
      return renderSiteFiles(releases, await siteAssets(context), context, rendered)
    }
  }
}

/** Whether a release is on the site at `context.now`. */
function onSite(release: Release, context: RenderContext): boolean {
  return isPublished(release, context.now) && release.frontmatter.date !== null
}

/**
 * A published release's own pages, one per language, and its PDF: they
 * depend on nothing but the release (and whether it is published, which the
 * build's hash of the release includes), so an unchanged release keeps them.
 */
export function renderReleaseFiles(rendered: RenderedRelease, assets: SiteAssets, context: RenderContext): OutputFile[] {
  const {release, identity} = rendered
  if (!onSite(release, context)) return []
  const site: SiteContext = {config: context.config, assets, generator: context.generator}
  const files: OutputFile[] = []
  const pdf = rendered.files.find((file) => file.path === `pdf/${identity.id}.pdf`) ?? null
  if (pdf) files.push({path: `${siteFolder}${sitePaths.pdf(identity)}`, data: pdf.data})
  const item: SiteRelease = {release, identity, pdf: pdf ? {length: byteLength(pdf.data)} : null}
  const characters = new Set<string>()
  for (const lang of releaseLangs(release)) {
    const html = renderReleasePage(item, lang, site)
    for (const char of html) characters.add(char)
    files.push({path: `${siteFolder}${fileOf(sitePaths.release(lang, identity))}`, data: html})
    files.push({path: `${siteFolder}${sitePaths.card(lang, identity)}`, data: renderCard(cardText(release, lang, context.config), loadCardFonts(context.config, lang))})
  }
  // The characters of these pages, kept beside the site (not in it), so that
  // subsetting the web fonts need not read every page of every release again.
  files.push({path: charactersPath(identity.id), data: [...characters].sort().join('')})
  return files
}

const charactersPath = (id: string) => `.pressroom-site/${id}.chars`

/** What a release's share card shows in a language: the letterhead's lines and the headline. */
export function cardText(release: Release, lang: Lang, config: Config): CardText {
  const date = release.frontmatter.date
  return {
    lang,
    organisation: config.organisation[lang],
    title: config.title[lang],
    headline: headlineOf(release, lang),
    date: date ? formatDate(date, lang, config) : '',
    ref: release.frontmatter.ref ?? ''
  }
}

/**
 * What depends on all releases: the indexes and feeds per language, the
 * home page, sitemap, `releases.json`, the stylesheet and the web fonts
 * (subset to the characters of every page, release pages included). The
 * index pages, home page and sitemap need only the releases, and are made
 * before `rendered` settles; the rest needs their files too (the PDFs'
 * sizes, the characters of their pages).
 */
export async function renderSiteFiles(
  releases: readonly RenderedRelease[],
  assets: SiteAssets,
  context: RenderContext,
  rendered: Promise<void> = Promise.resolve()
): Promise<OutputFile[]> {
  const site: SiteContext = {config: context.config, assets, generator: context.generator}
  const files: OutputFile[] = []
  const add = (path: string, data: string | Uint8Array) => files.push({path: `${siteFolder}${path}`, data})
  const listed: RenderedRelease[] = []
  const taken = new Set<string>()
  for (const entry of [...releases].sort((a, b) => a.release.path.localeCompare(b.release.path))) {
    const {release, identity} = entry
    // Two releases with one number are an error of the check (ref-duplicate); the first keeps the address.
    if (!onSite(release, context) || taken.has(identity.id)) continue
    taken.add(identity.id)
    listed.push(entry)
  }
  const pages: string[] = []
  const page = (path: string, html: string) => {
    pages.push(html)
    add(fileOf(path), html)
  }
  // A file is made again only when what it shows changed: editing a
  // release's text changes neither the index pages nor the sitemap. The
  // key names everything the file is made from.
  const shared = JSON.stringify([context.generator, assets.fingerprint, configKey(context.config)])
  const remember = async (name: string, inputs: string, make: () => string): Promise<string> => {
    if (!context.memo) return make()
    const bytes = await context.memo(`site ${name}\0${shared}\0${inputs}`, async () => Buffer.from(make()), 'brief')
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')
  }
  const models: SiteRelease[] = listed.map(({release, identity}) => ({release, identity, pdf: null}))
  for (const lang of ['en', 'km'] as const) {
    page(sitePaths.index(lang), await remember(`index ${lang}`, JSON.stringify(indexInputs(models, lang)), () => renderIndexPage(models, lang, site)))
  }
  page(sitePaths.home, renderHomePage(site))
  for (const lang of ['en', 'km'] as const) page(sitePaths.search(lang), renderSearchPage(lang, site))
  for (const script of assets.searchScripts) add(`${sitePaths.assets}${script.path}`, script.text)
  // Pagefind runs in its own process: the index is built while the releases render.
  const searchIndex = buildSiteSearch(models, site, context)
  // Its failure is reported where it is awaited, after the releases rendered.
  searchIndex.catch(() => {})
  if (site.config.site.baseUrl) add(sitePaths.sitemap, await remember('sitemap', JSON.stringify(sitemapInputs(models)), () => renderSitemap(models, site)!))
  // What the feeds and the catalogue need besides the PDFs' sizes, made meanwhile too.
  const feeds = (['en', 'km'] as const).map((lang) => {
    const inFeed = feedReleases(models, lang, site)
    return {lang, ids: inFeed.map((item) => item.identity.id), inputs: JSON.stringify(inFeed.map(({release, identity}) => [release, identity]))}
  })
  const catalogue = catalogueOf(models, site)

  await rendered
  const pdfBytes = new Map<string, number | null>()
  const items: SiteRelease[] = listed.map(({release, identity, files}) => {
    const pdf = files.find((file) => file.path === `${siteFolder}${sitePaths.pdf(identity)}`) ?? null
    const characters = files.find((file) => file.path === charactersPath(identity.id))
    if (characters) pages.push(textOf(characters.data))
    else for (const file of files) if (file.path.startsWith(siteFolder) && file.path.endsWith('.html')) pages.push(textOf(file.data))
    pdfBytes.set(identity.id, pdf ? (pdf.size ?? byteLength(pdf.data)) : null)
    return {release, identity, pdf: pdf ? {length: pdfBytes.get(identity.id)!} : null}
  })
  for (const {lang, ids, inputs} of feeds) {
    const sizes = JSON.stringify(ids.map((id) => pdfBytes.get(id)))
    add(sitePaths.feed(lang), await remember(`feed ${lang}`, `${inputs}\0${sizes}`, () => renderFeed(items, lang, site)))
  }
  add(sitePaths.catalogue, catalogue((id) => pdfBytes.get(id) ?? null))
  for (const file of await searchIndex) add(`${sitePaths.searchBundle}${file.path}`, file.data)
  add(sitePaths.css, assets.css)
  const fonts = await renderWebFonts(assets.fonts, [...pages, assets.css].join('\n'), context.memo)
  add(sitePaths.fontsCss, fonts.css)
  for (const font of fonts.files) add(`${sitePaths.fontsDir}${font.name}`, font.data)
  for (const licence of assets.fontLicences) add(`${sitePaths.fontsDir}${licence.name}`, licence.data)
  return files
}

/**
 * Pagefind's bundle for the releases on the site, remembered under a key of
 * its records: it is built again only when what a published page shows
 * changed (or which pages are published).
 */
async function buildSiteSearch(items: readonly SiteRelease[], site: SiteContext, context: RenderContext): Promise<SearchFile[]> {
  const records = searchRecords(items, site)
  if (!context.memo) return buildSearchIndex(records)
  const key = `site search\0${sha256(context.generator, ...site.assets.searchScripts.map((script) => script.text), JSON.stringify(records))}`
  return unpackFiles(await context.memo(key, async () => packFiles(await buildSearchIndex(records)), 'brief'))
}

/** Files in one byte string, for the memo: a JSON list of paths and lengths, a newline, then the bytes. */
function packFiles(files: readonly SearchFile[]): Uint8Array {
  const head = Buffer.from(`${JSON.stringify(files.map((file) => [file.path, file.data.byteLength]))}\n`)
  return Buffer.concat([head, ...files.map((file) => file.data)])
}

function unpackFiles(bytes: Uint8Array): SearchFile[] {
  const newline = bytes.indexOf(0x0a)
  const list = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, newline).toString('utf8')) as Array<[string, number]>
  let at = newline + 1
  return list.map(([path, length]) => {
    const data = bytes.subarray(at, at + length)
    at += length
    return {path, data}
  })
}

function textOf(data: string | Uint8Array): string {
  return typeof data === 'string' ? data : new TextDecoder().decode(data)
}

function byteLength(data: string | Uint8Array): number {
  return typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength
}

export {loadSiteAssets, type SiteAssets} from './assets.js'
export {renderPreview} from '../../preview/render-preview.js'
