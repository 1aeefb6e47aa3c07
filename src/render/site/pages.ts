import type {SearchRecord} from '../../search/index.js'
import type {ElementContent} from 'hast'
import {h} from 'hastscript'
import {toHtml} from 'hast-util-to-html'
import type {Config} from '../../config/model.js'
import {toKhmerDigits} from '../../facts/numerals.js'
import {formatEnglishDate, formatKhmerDate} from '../../facts/render.js'
import type {ReleaseIdentity} from '../../release/identity.js'
import {langs, type Lang, type Release} from '../../release/model.js'
import {summarizeRelease, type ReleaseSummary} from '../../release/summary.js'
import {sectionContent} from '../html/content.js'
import {sanitizePage} from '../html/sanitize.js'
import {fillTemplate, type Template, type TemplateValues} from '../html/template.js'
import type {SiteAssets} from './assets.js'
import {absoluteUrl, relativeUrl, sitePaths} from './urls.js'
import {cardSize} from '../card/size.js'

export interface SiteContext {
  config: Config
  assets: SiteAssets
  /** `pressroom X.Y.Z`. */
  generator: string
}

/** A release that is on the site (published at the build's `now`), as the pages that list releases see it. */
export interface SiteRelease {
  summary: ReleaseSummary
  identity: ReleaseIdentity
  /** Its PDF, copied into the site, or null when there is none. */
  pdf: {length: number} | null
  /** Its search records, as its pages were made with them (the site renderer's `search`), read when the search index is made. */
  search: () => readonly SearchRecord[]
}

/** A release whose own page is being made. */
export interface ReleasePage {
  release: Release
  identity: ReleaseIdentity
  pdf: {length: number} | null
}

const ogLocales: Record<Lang, string> = {en: 'en_US', km: 'km_KH'}

/** The languages a release has, in the site's order. */
export function releaseLangs(release: {sections: Partial<Record<Lang, unknown>>}): Lang[] {
  return langs.filter((lang) => release.sections[lang])
}

export function otherLang(lang: Lang): Lang {
  return lang === 'en' ? 'km' : 'en'
}

/** A date as the letterhead writes it: `18 February 2026`, `ថ្ងៃទី១៨ ខែ កុម្ភៈ ឆ្នាំ២០២៦`. */
export function formatDate(iso: string, lang: Lang, config: Config): string {
  return lang === 'en' ? formatEnglishDate(iso) : formatKhmerDate(iso, config.khmerDigits === 'latin' ? 'latin' : 'khmer')
}

export function formatYear(year: number, lang: Lang, config: Config): string {
  return lang === 'en' ? String(year) : `ឆ្នាំ${config.khmerDigits === 'latin' ? year : toKhmerDigits(String(year))}`
}

/** When a release was published: its embargo when it has one, else its date. */
export function publishedAt(release: Pick<Release, 'frontmatter'>): string {
  const {embargo, date} = release.frontmatter
  return embargo ? new Date(embargo).toISOString() : `${date}`
}

export function headlineOf(summary: ReleaseSummary, lang: Lang): string {
  return summary.sections[lang]?.headline || summary.frontmatter.ref || ''
}

function render(template: Template, values: TemplateValues, script?: string): string {
  const tree = sanitizePage(fillTemplate(template, values))
  // The search page's own script, added after sanitising (which removes
  // every script a template or release could hold); its CSP names 'self'.
  if (script) {
    const head = tree.children.find((node) => node.type === 'element' && node.tagName === 'html')
    const inHtml = head?.type === 'element' ? head.children.find((node) => node.type === 'element' && node.tagName === 'head') : undefined
    if (inHtml?.type !== 'element') throw new Error('the search page template has no <head>')
    inHtml.children.push(h('script', {type: 'module', src: script}))
  }
  return `${toHtml(tree)}\n`
}

/** Values every page can use: labels, organisation, contact, stylesheets. */
function commonValues(lang: Lang, here: string, site: SiteContext): Record<string, string> {
  const {config, assets} = site
  const labels = assets.labels[lang]
  const {tel, email, website} = config.contact
  return {
    lang,
    generator: site.generator,
    organisation: config.organisation[lang],
    documentTitle: config.title[lang],
    'asset.css': relativeUrl(here, sitePaths.css),
    'asset.fonts': relativeUrl(here, sitePaths.fontsCss),
    'og.locale': ogLocales[lang],
    'other.lang': otherLang(lang),
    'other.name': assets.labels[otherLang(lang)].language,
    'contact.name': (config.contact.name ?? config.organisation)[lang],
    // Non-breaking spaces keep a telephone number on one line.
    'contact.tel': tel?.replace(/ /g, '\u00A0') ?? '',
    'contact.telHref': tel ? `tel:${tel.replace(/[^\d+]/g, '')}` : '',
    'contact.email': email ?? '',
    'contact.emailHref': email ? `mailto:${email}` : '',
    'contact.website': website ?? '',
    ...Object.fromEntries(Object.entries(labels).map(([key, value]) => [`label.${key}`, value]))
  }
}

/** URLs of a page in both languages: absolute with `site.baseUrl`, else relative. */
function alternateValues(here: string, pathIn: (lang: Lang) => string | null, available: readonly Lang[], config: Config) {
  const link = (to: string) => absoluteUrl(config.site.baseUrl, to) ?? relativeUrl(here, to)
  const url = (lang: Lang) => {
    const to = available.includes(lang) ? pathIn(lang) : null
    return to === null ? '' : link(to)
  }
  return {
    'url.canonical': absoluteUrl(config.site.baseUrl, here) ?? '',
    'url.en': url('en'),
    'url.km': url('km'),
    // English is the default for readers whose language is neither.
    'url.default': url('en') || url('km')
  }
}

export function renderReleasePage(item: ReleasePage, lang: Lang, site: SiteContext): string {
  const {release, identity} = item
  const {config, assets} = site
  const section = release.sections[lang]
  if (!section) throw new Error(`${release.path} has no ${lang} section`)
  const here = sitePaths.release(lang, identity)
  const available = releaseLangs(release)
  const other = otherLang(lang)
  const summary = summarizeRelease(release)
  const headline = headlineOf(summary, lang)
  const {headline: heading, body} = sectionContent(section, {headlineLevel: 1})
  const date = release.frontmatter.date ?? ''
  return render(assets.release, {
    ...commonValues(lang, here, site),
    ...alternateValues(here, (l) => sitePaths.release(l, identity), available, config),
    title: `${headline} — ${config.organisation[lang]}`,
    headline,
    description: summary.sections[lang]?.description ?? '',
    published: publishedAt(release),
    ref: release.frontmatter.ref ?? '',
    'date.iso': date,
    'date.text': date ? formatDate(date, lang, config) : '',
    'url.index': relativeUrl(here, sitePaths.index(lang)),
    'url.feed': relativeUrl(here, sitePaths.feed(lang)),
    'url.other': available.includes(other) ? relativeUrl(here, sitePaths.release(other, identity)) : '',
    'url.pdf': item.pdf ? relativeUrl(here, sitePaths.pdf(identity)) : '',
    'og.localeAlternate': available.includes(other) ? ogLocales[other] : '',
    // Link previews need an absolute URL; without site.baseUrl the card is named relative to the page.
    'og.image': absoluteUrl(config.site.baseUrl, sitePaths.card(lang, identity)) ?? relativeUrl(here, sitePaths.card(lang, identity)),
    'og.imageWidth': String(cardSize.width),
    'og.imageHeight': String(cardSize.height),
    'og.imageAlt': `${config.organisation[lang]}, ${config.title[lang]}: ${headline}`,
    article: [...(heading ? [heading] : []), ...body]
  })
}

/** Newest first: by date, then by reference number. */
export function newestFirst<T extends SiteRelease>(items: readonly T[]): T[] {
  return [...items].sort(
    (a, b) =>
      (b.summary.frontmatter.date ?? '').localeCompare(a.summary.frontmatter.date ?? '') ||
      b.identity.number - a.identity.number ||
      a.summary.path.localeCompare(b.summary.path)
  )
}

export function renderIndexPage(items: readonly SiteRelease[], lang: Lang, site: SiteContext): string {
  const {config, assets} = site
  const labels = assets.labels[lang]
  const here = sitePaths.index(lang)
  const listed = newestFirst(items).filter((item) => item.summary.sections[lang])
  const years = new Map<number, SiteRelease[]>()
  for (const item of listed) years.set(item.identity.year, [...(years.get(item.identity.year) ?? []), item])
  const releases: ElementContent[] =
    listed.length === 0
      ? [h('p', {className: ['empty']}, labels.noReleases)]
      : [...years].map(([year, group]) =>
          h('section', {className: ['year']}, [
            h('h2', formatYear(year, lang, config)),
            h(
              'ul',
              {className: ['releases']},
              group.map((item) => {
                const date = item.summary.frontmatter.date ?? ''
                return h('li', [
                  h('time', {dateTime: date}, formatDate(date, lang, config)),
                  ' ',
                  h('a', {href: relativeUrl(here, sitePaths.release(lang, item.identity))}, headlineOf(item.summary, lang)),
                  ' ',
                  h('span', {className: ['ref']}, item.summary.frontmatter.ref ?? '')
                ])
              })
            )
          ])
        )
  const title = `${labels.pressReleases} — ${config.organisation[lang]}`
  return render(assets.index, {
    ...commonValues(lang, here, site),
    ...alternateValues(here, sitePaths.index, langs, config),
    title,
    description: title,
    'url.index': './',
    'url.feed': relativeUrl(here, sitePaths.feed(lang)),
    'url.other': relativeUrl(here, sitePaths.index(otherLang(lang))),
    'url.search': relativeUrl(here, sitePaths.search(lang)),
    'og.localeAlternate': ogLocales[otherLang(lang)],
    releases
  })
}

/**
 * The search page of a language: a search box, and the results the script
 * finds in Pagefind's index. Without JavaScript it says so and links to
 * the list of all releases.
 */
export function renderSearchPage(lang: Lang, site: SiteContext): string {
  const {config, assets} = site
  const labels = assets.labels[lang]
  const here = sitePaths.search(lang)
  const title = `${labels.search} — ${config.organisation[lang]}`
  return render(
    assets.search,
    {
      ...commonValues(lang, here, site),
      ...alternateValues(here, sitePaths.search, langs, config),
      title,
      description: title,
      'url.index': relativeUrl(here, sitePaths.index(lang)),
      'url.other': relativeUrl(here, sitePaths.search(otherLang(lang))),
      'search.digits': lang === 'km' && config.khmerDigits !== 'latin' ? 'khmer' : 'latin'
    },
    relativeUrl(here, `${sitePaths.assets}search.js`)
  )
}

/** The site's root: a choice of language. */
export function renderHomePage(site: SiteContext): string {
  const {config, assets} = site
  const here = sitePaths.home
  const link = (to: string) => absoluteUrl(config.site.baseUrl, to) ?? relativeUrl(here, to)
  return render(assets.home, {
    ...commonValues('en', here, site),
    'organisation.en': config.organisation.en,
    'organisation.km': config.organisation.km,
    'url.canonical': absoluteUrl(config.site.baseUrl, here) ?? '',
    'url.en': link(sitePaths.index('en')),
    'url.km': link(sitePaths.index('km')),
    'link.en': relativeUrl(here, sitePaths.index('en')),
    'link.km': relativeUrl(here, sitePaths.index('km')),
    'label.en.pressReleases': assets.labels.en.pressReleases,
    'label.km.pressReleases': assets.labels.km.pressReleases
  })
}
