import type {Root as XastRoot} from 'xast'
import {toXml} from 'xast-util-to-xml'
import {x} from 'xastscript'
import {langs, type Lang} from '../../release/model.js'
import {newestFirst, releaseLangs, type SiteContext, type SiteRelease} from './pages.js'
import {absoluteUrl, sitePaths} from './urls.js'

/**
 * The sitemap (sitemaps.org 0.9) with each page's language versions as
 * `xhtml:link rel="alternate" hreflang` (as search engines read them).
 * Sitemaps take absolute URLs only, so there is none without `site.baseUrl`.
 */
export function renderSitemap(items: readonly SiteRelease[], site: SiteContext): string | null {
  const base = site.config.site.baseUrl
  if (!base) return null
  const url = (path: string) => absoluteUrl(base, path)!
  const entry = (pathIn: (lang: Lang) => string, available: readonly Lang[], lastmod: string | null) =>
    available.map((lang) =>
      x('url', [
        x('loc', url(pathIn(lang))),
        ...(lastmod ? [x('lastmod', lastmod)] : []),
        ...available.map((alternate) => x('xhtml:link', {rel: 'alternate', hreflang: alternate, href: url(pathIn(alternate))})),
        x('xhtml:link', {rel: 'alternate', hreflang: 'x-default', href: url(pathIn(available.includes('en') ? 'en' : available[0]!))})
      ])
    )
  const sorted = newestFirst(items)
  const newest = sorted[0]?.summary.frontmatter.date ?? null
  const urlset = x('urlset', {xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9', 'xmlns:xhtml': 'http://www.w3.org/1999/xhtml'}, [
    ...entry(sitePaths.index, langs, newest),
    ...sorted.flatMap((item) =>
      entry((lang) => sitePaths.release(lang, item.identity), releaseLangs(item.summary), item.summary.frontmatter.date)
    )
  ])
  const root: XastRoot = {type: 'root', children: [{type: 'instruction', name: 'xml', value: 'version="1.0" encoding="utf-8"'}, urlset]}
  return `${toXml(root)}\n`
}
