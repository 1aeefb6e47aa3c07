import type {OutputFile, RenderContext, RenderedRelease, Renderer} from '../renderer.js'
import type {Release} from '../../release/model.js'
import {loadPreviewAssets} from '../../preview/assets.js'
import {renderPreview, type PreviewAssets} from '../../preview/render-preview.js'
import {loadSiteAssets, type SiteAssets} from './assets.js'
import {renderCatalogue} from './catalogue.js'
import {feedReleases, renderFeed} from './feed.js'
import {renderWebFonts} from './fonts.js'
import {formatDate, headlineOf, releaseLangs, renderHomePage, renderIndexPage, renderReleasePage, renderSearchPage, type SiteContext, type SiteRelease} from './pages.js'
import {loadCardFonts, renderCard, type CardText} from '../card/index.js'
import {buildSearchIndex, type SearchRecord} from '../../search/index.js'
import {searchRecords} from './search.js'
import type {Config} from '../../config/model.js'
import type {Lang} from '../../release/model.js'
import {summarizeRelease} from '../../release/summary.js'
import {renderSitemap} from './sitemap.js'
import {fileOf, sitePaths} from './urls.js'

/** Where the site goes in the output folder: CI publishes `out/site/`. */
const siteFolder = 'site/'

/**
 * The press pages (`out/site/`) and the translators' previews
 * (`out/preview/`). `renderRelease` writes a release's preview (drafts and
 * embargoed releases too) and, for a published release, its pages in both
 * languages and a copy of its PDF; `renderSiteWide` writes what lists the
 * published releases.
 */
export function createSiteRenderer(): Renderer {
  let assets: Promise<[SiteAssets, PreviewAssets]> | null = null
  const load = (context: RenderContext) =>
    (assets ??= Promise.all([loadSiteAssets(context.root, context.config), loadPreviewAssets(context.root, context.config, context.memo)]))
  return {
    name: 'site',
    async prepare(context) {
      await load(context)
    },
    async renderRelease(rendered, context) {
      const [site, preview] = await load(context)
      const {release, identity} = rendered
      const html = renderPreview({release, file: {messages: rendered.messages}}, context.config, {assets: preview})
      const files = renderReleaseFiles(rendered, site, context)
      // Made here, on the render threads, and kept with the release's pages: the site-wide index only gathers them.
      const search = files.length > 0 ? searchRecords(release, identity, {config: context.config, assets: site, generator: context.generator}) : []
      return {files: [{path: `preview/${identity.id}.html`, data: html}, ...files], findings: [], search}
    }
  }
}

/**
 * A published release's own pages, one per language, and its PDF: they
 * depend on nothing but the release and whether it is published.
 */
export function renderReleaseFiles(rendered: RenderedRelease, assets: SiteAssets, context: RenderContext): OutputFile[] {
  const {release, identity} = rendered
  if (!rendered.published || release.frontmatter.date === null) return []
  const site: SiteContext = {config: context.config, assets, generator: context.generator}
  const files: OutputFile[] = []
  const pdf = rendered.files.find((file) => file.path === `pdf/${identity.id}.pdf`) ?? null
  if (pdf) files.push({path: `${siteFolder}${sitePaths.pdf(identity)}`, data: pdf.data})
  for (const lang of releaseLangs(release)) {
    files.push({path: `${siteFolder}${fileOf(sitePaths.release(lang, identity))}`, data: renderReleasePage({release, identity, pdf: pdf ? {length: byteLength(pdf.data)} : null}, lang, site)})
    files.push({path: `${siteFolder}${sitePaths.card(lang, identity)}`, data: renderCard(cardText(release, lang, context.config), loadCardFonts(context.config, lang))})
  }
  return files
}

/** What a release's share card shows in a language: the letterhead's lines and the headline. */
export function cardText(release: Release, lang: Lang, config: Config): CardText {
  const date = release.frontmatter.date
  return {
    lang,
    organisation: config.organisation[lang],
    title: config.title[lang],
    headline: headlineOf(summarizeRelease(release), lang),
    date: date ? formatDate(date, lang, config) : '',
    ref: release.frontmatter.ref ?? ''
  }
}

/**
 * What lists the published releases (`listed`): the index, Atom feed and
 * search page of each language, the home page, the sitemap,
 * `releases.json`, the search index, the stylesheet and the web fonts.
 * The search index gathers the records each release's render made
 * (`SiteRelease.search`); the feeds read their releases whole with `load`.
 */
export async function renderSiteWide(listed: readonly SiteRelease[], context: RenderContext, load: (path: string) => Promise<Release>): Promise<OutputFile[]> {
  const assets = await loadSiteAssets(context.root, context.config)
  const site: SiteContext = {config: context.config, assets, generator: context.generator}
  const files: OutputFile[] = []
  const add = (path: string, data: string | Uint8Array) => files.push({path: `${siteFolder}${path}`, data})
  // Two releases with one number are an error of the check (ref-duplicate); the first keeps the address.
  const taken = new Set<string>()
  const items = [...listed].sort((a, b) => a.summary.path.localeCompare(b.summary.path)).filter((item) => !taken.has(item.identity.id) && taken.add(item.identity.id))
  for (const lang of ['en', 'km'] as const) {
    add(fileOf(sitePaths.index(lang)), renderIndexPage(items, lang, site))
    const inFeed = await Promise.all(feedReleases(items, lang, site).map(async (item) => ({...item, release: await load(item.summary.path)})))
    add(sitePaths.feed(lang), renderFeed(inFeed, lang, site))
  }
  add(fileOf(sitePaths.home), renderHomePage(site))
  for (const lang of ['en', 'km'] as const) add(fileOf(sitePaths.search(lang)), renderSearchPage(lang, site))
  for (const script of assets.searchScripts) add(`${sitePaths.assets}${script.path}`, script.text)
  // Each release's records are read as the index takes them, not all at once.
  const byId = [...items].sort((a, b) => a.identity.id.localeCompare(b.identity.id))
  const records = function* (): Generator<SearchRecord> {
    for (const item of byId) yield* item.search()
  }
  for (const file of await buildSearchIndex(records())) add(`${sitePaths.searchBundle}${file.path}`, file.data)
  const sitemap = renderSitemap(items, site)
  if (sitemap) add(sitePaths.sitemap, sitemap)
  add(sitePaths.catalogue, renderCatalogue(items, site))
  add(sitePaths.css, assets.css)
  const fonts = await renderWebFonts(assets.fonts, context.memo)
  add(sitePaths.fontsCss, fonts.css)
  for (const font of fonts.files) add(`${sitePaths.fontsDir}${font.name}`, font.data)
  for (const licence of assets.fontLicences) add(`${sitePaths.fontsDir}${licence.name}`, licence.data)
  return files
}

function byteLength(data: string | Uint8Array): number {
  return typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength
}

export {loadSiteAssets, type SiteAssets} from './assets.js'
export {renderPreview} from '../../preview/render-preview.js'
export type {SiteRelease} from './pages.js'
