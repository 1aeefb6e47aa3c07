import {toHtml} from 'hast-util-to-html'
import type {Root as XastRoot} from 'xast'
import {toXml} from 'xast-util-to-xml'
import {x} from 'xastscript'
import {visit} from 'unist-util-visit'
import type {Lang, Release} from '../../release/model.js'
import {sectionContent} from '../html/content.js'
import {sanitizePage} from '../html/sanitize.js'
import {headlineOf, newestFirst, type SiteContext, type SiteRelease} from './pages.js'
import {absoluteUrl, relativeUrl, sitePaths} from './urls.js'

/**
 * An Atom feed (RFC 4287) of one language: the newest releases
 * (`site.feedEntries`, 50 unless configured), one entry each, newest first. Ids are the pages' URLs, which stay as long as `site.baseUrl` and
 * the reference numbers do; times come from the releases (embargo, else
 * date), never from the clock, so the same releases give the same bytes.
 */
export function renderFeed(items: ReadonlyArray<SiteRelease & {release: Release}>, lang: Lang, site: SiteContext): string {
  const {config, assets} = site
  const feedPath = sitePaths.feed(lang)
  // Relative links resolve against the feed's own URL, in the language's folder.
  const link = (to: string) => absoluteUrl(config.site.baseUrl, to) ?? relativeUrl(sitePaths.index(lang), to)
  const listed = feedReleases(items, lang, site)
  const times = listed.map((item) => updatedAt(item.release)).sort()
  const title = `${assets.labels[lang].pressReleases} — ${config.organisation[lang]}`
  const self = absoluteUrl(config.site.baseUrl, feedPath)
  const feed = x('feed', {xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': lang}, [
    x('id', absoluteUrl(config.site.baseUrl, sitePaths.index(lang)) ?? `urn:pressroom:feed:${lang}`),
    x('title', title),
    // An empty feed has no release to date it by; the epoch keeps it reproducible.
    x('updated', times.at(-1) ?? '1970-01-01T00:00:00Z'),
    ...(self ? [x('link', {rel: 'self', type: 'application/atom+xml', href: self})] : []),
    x('link', {rel: 'alternate', type: 'text/html', hreflang: lang, href: link(sitePaths.index(lang))}),
    x('author', [x('name', config.organisation[lang]), ...(config.contact.email ? [x('email', config.contact.email)] : [])]),
    x('generator', site.generator),
    ...listed.map((item) => {
      const {release, identity} = item
      const section = release.sections[lang]!
      const page = sitePaths.release(lang, identity)
      const {body} = sectionContent(section, {headlineLevel: 1})
      const content = toHtml(sanitizePage({type: 'root', children: body}))
      return x('entry', [
        x('id', absoluteUrl(config.site.baseUrl, page) ?? `urn:pressroom:release:${identity.id}:${lang}`),
        x('title', headlineOf(item.summary, lang)),
        x('published', updatedAt(release)),
        x('updated', updatedAt(release)),
        x('link', {rel: 'alternate', type: 'text/html', hreflang: lang, href: link(page)}),
        ...(item.pdf
          ? [x('link', {rel: 'enclosure', type: 'application/pdf', length: String(item.pdf.length), href: link(sitePaths.pdf(identity))})]
          : []),
        x('summary', item.summary.sections[lang]!.description),
        x('content', {type: 'html'}, content)
      ])
    })
  ])
  const root: XastRoot = {type: 'root', children: [{type: 'instruction', name: 'xml', value: 'version="1.0" encoding="utf-8"'}, feed]}
  return `${wellFormed(root)}\n`
}

/**
 * What XML 1.0 does not allow whatever the escaping: `]]>` in text (§2.4;
 * xast-util-to-xml escapes only `<` and `&`) and characters outside `Char`
 * (§2.2: C0 controls but tab and line ends, lone surrogates, U+FFFE, U+FFFF),
 * which the checks report in the release. `]]>` can stand nowhere else in the
 * feed, and `&#x3E;` reads as `>` in text and attributes alike.
 */
function wellFormed(root: XastRoot): string {
  // In each value before it is serialized, which drops NUL itself and would join
  // the lone surrogates around one into a character (`\uD800\0\uDC00`).
  const chars = (text: string) => text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
  visit(root, (node) => {
    if (node.type === 'text') node.value = chars(node.value)
    if (node.type === 'element') for (const [name, value] of Object.entries(node.attributes)) if (typeof value === 'string') node.attributes[name] = chars(value)
  })
  // Then: removing a character can join `]]` and `>` (`]]\uD800>`).
  return toXml(root).replace(/\]\]>/g, ']]&#x3E;')
}

/** The releases a feed holds: the newest `site.feedEntries` with the language. */
export function feedReleases<T extends SiteRelease>(items: readonly T[], lang: Lang, site: SiteContext): T[] {
  return newestFirst(items)
    .filter((item) => item.summary.sections[lang])
    .slice(0, site.config.site.feedEntries)
}

/** RFC 3339 time of a release: its embargo, else its date at 00:00 UTC. */
export function updatedAt(release: Pick<Release, 'frontmatter'>): string {
  const {embargo, date} = release.frontmatter
  return embargo ? new Date(embargo).toISOString().replace('.000Z', 'Z') : `${date}T00:00:00Z`
}
