import type {OutputFile, RenderContext, RenderedRelease, Renderer} from '../../build/renderer.js'
import {isPublished} from '../../release/identity.js'
import type {Release} from '../../release/model.js'
import {loadPreviewAssets} from '../../preview/assets.js'
import type {MessageInput} from '../../preview/messages.js'
import {renderPreview, type PreviewAssets} from '../../preview/render-preview.js'
import {loadSiteAssets, type SiteAssets} from './assets.js'
import {renderCatalogue} from './catalogue.js'
import {renderFeed} from './feed.js'
import {renderWebFonts} from './fonts.js'
import {releaseLangs, renderHomePage, renderIndexPage, renderReleasePage, type SiteContext, type SiteRelease} from './pages.js'
import {renderSitemap} from './sitemap.js'
import {fileOf, sitePaths} from './urls.js'

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
 * `renderRelease` writes only what does not depend on the clock (the
 * preview); everything on the site does, through embargoes, so `renderSite`
 * writes all of it: the release pages in both languages with their PDFs, an
 * index and an Atom feed per language, the sitemap, `releases.json`, the
 * stylesheet and the web fonts, subset to the characters the pages use.
 * A release is on the site when `isPublished(release, context.now)`.
 * The PDF is the file `pdf/<id>.pdf` among the release's `files`.
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
      if (!options.messagesFor) return {files: [], findings: []}
      const {release, identity} = rendered
      const html = renderPreview({release, file: {messages: options.messagesFor(release)}}, context.config, {
        assets: await previewAssets(context)
      })
      return {files: [{path: `preview/${identity.id}.html`, data: html}], findings: []}
    },
    async renderSite(releases, context) {
      return renderSiteFiles(releases, await siteAssets(context), context)
    }
  }
}

export async function renderSiteFiles(releases: readonly RenderedRelease[], assets: SiteAssets, context: RenderContext): Promise<OutputFile[]> {
  const site: SiteContext = {config: context.config, assets, generator: context.generator}
  const files: OutputFile[] = []
  const add = (path: string, data: string | Uint8Array) => files.push({path: `${siteFolder}${path}`, data})
  const items: SiteRelease[] = []
  const taken = new Set<string>()
  for (const rendered of [...releases].sort((a, b) => a.release.path.localeCompare(b.release.path))) {
    const {release, identity} = rendered
    // Two releases with one number are an error of the check (ref-duplicate); the first keeps the address.
    if (!isPublished(release, context.now) || release.frontmatter.date === null || taken.has(identity.id)) continue
    taken.add(identity.id)
    const pdf = rendered.files.find((file) => file.path === `pdf/${identity.id}.pdf`) ?? null
    if (pdf) add(sitePaths.pdf(identity), pdf.data)
    items.push({release, identity, pdf: pdf ? {length: byteLength(pdf.data)} : null})
  }
  const pages: string[] = []
  const page = (path: string, html: string) => {
    pages.push(html)
    add(fileOf(path), html)
  }
  for (const item of items) {
    for (const lang of releaseLangs(item.release)) page(sitePaths.release(lang, item.identity), renderReleasePage(item, lang, site))
  }
  for (const lang of ['en', 'km'] as const) {
    page(sitePaths.index(lang), renderIndexPage(items, lang, site))
    add(sitePaths.feed(lang), renderFeed(items, lang, site))
  }
  page(sitePaths.home, renderHomePage(site))
  const sitemap = renderSitemap(items, site)
  if (sitemap) add(sitePaths.sitemap, sitemap)
  add(sitePaths.catalogue, renderCatalogue(items, site))
  add(sitePaths.css, assets.css)
  const fonts = await renderWebFonts(assets.fonts, [...pages, assets.css].join('\n'), context.memo)
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
