import {existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {XMLParser, XMLValidator} from 'fast-xml-parser'
import type {Element} from 'hast'
import * as hb from 'harfbuzzjs'
import {HtmlValidate} from 'html-validate'
import {describe, expect, it} from 'vitest'
import {brotliDecompressSync} from 'node:zlib'
import type {OutputFile} from '../renderer.js'
import type {Config} from '../../config/model.js'
import {projectConfig, readRepoFile, repoRoot, seedPath, seedVariant} from '../../test/project.js'
import {renderTestSite} from '../../test/site.js'
import {TemplateError} from '../html/template.js'
import {renderWebFonts, shippedWebFontsDir, webFontsOf} from './fonts.js'
import {findElements, textOf} from '../../test/hast.js'
import {loadPreviewAssets, previewFontOf} from '../../preview/assets.js'

const seed = readRepoFile(seedPath).toString('utf8')
const base = 'https://www.kh.emb-japan.go.jp/press/'
const after = new Date('2026-03-01T00:00:00Z')

interface SiteOptions {
  now?: Date
  config?: Config
  root?: string
  /** Give each release a PDF, as the PDF renderer would. */
  pdf?: boolean
}

/** Checks and renders releases as `pressroom build` would, returning the files by path. */
export function renderSite(files: Record<string, string>, options: SiteOptions = {}): Promise<Map<string, OutputFile['data']>> {
  return renderTestSite(files, {...options, now: options.now ?? after, pdf: options.pdf ? pdfBytes : undefined})
}

const pdfBytes = new TextEncoder().encode('%PDF-1.7\n% a PDF as the PDF renderer hands it on\n%%EOF\n')

export function text(files: Map<string, OutputFile['data']>, file: string): string {
  const data = files.get(file)
  if (data === undefined) throw new Error(`no ${file} among ${[...files.keys()].join(', ')}`)
  return typeof data === 'string' ? data : new TextDecoder().decode(data)
}


export function elements(html: string, test: (element: Element) => boolean): Element[] {
  return findElements(html, test)
}


const head = (html: string, tag: string, attribute: string, value: string) =>
  elements(html, (e) => e.tagName === tag && e.properties[attribute] !== undefined && String(e.properties[attribute]) === value)

/** HTML5 as html-validate's recommended rules see it, minus matters of source style. */
export const htmlValidator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // hast-util-to-html writes `<!doctype html>`; HTML5 accepts either case.
    'doctype-style': 'off',
    // A release's title is its headline, however long the office writes it.
    'long-title': 'off',
    // Indentation left where a template's optional element was dropped.
    'no-trailing-whitespace': 'off'
  }
})

export async function expectValidHtml(html: string, name: string) {
  const report = await htmlValidator.validateString(html, name)
  const problems = report.results.flatMap((result) => result.messages.map((m) => `${name}:${m.line}:${m.column} ${m.ruleId} ${m.message}`))
  expect(problems).toEqual([])
}

describe('the site renderer', () => {
  it('writes a page per language with lang, alternates, canonical URL, meta, Open Graph and the letterhead', async () => {
    const files = await renderSite({[seedPath]: seed})
    for (const lang of ['en', 'km'] as const) {
      const html = text(files, `site/${lang}/2026/010/index.html`)
      expect(elements(html, (e) => e.tagName === 'html')[0]!.properties.lang).toBe(lang)
      expect(head(html, 'link', 'rel', 'canonical')[0]!.properties.href).toBe(`${base}${lang}/2026/010/`)
      const alternates = elements(html, (e) => e.tagName === 'link' && String(e.properties.rel) === 'alternate' && e.properties.hrefLang !== undefined)
      expect(Object.fromEntries(alternates.map((e) => [e.properties.hrefLang, e.properties.href]))).toEqual({
        en: `${base}en/2026/010/`,
        km: `${base}km/2026/010/`,
        'x-default': `${base}en/2026/010/`
      })
      expect(head(html, 'meta', 'property', 'og:url')[0]!.properties.content).toBe(`${base}${lang}/2026/010/`)
      expect(head(html, 'meta', 'property', 'og:type')[0]!.properties.content).toBe('article')
      expect(String(head(html, 'meta', 'name', 'description')[0]!.properties.content).length).toBeLessThanOrEqual(161)
      expect(elements(html, (e) => e.tagName === 'dd').map(textOf)[0]).toBe('No. 10 PR-26/EoJ')
    }
    const en = text(files, 'site/en/2026/010/index.html')
    const km = text(files, 'site/km/2026/010/index.html')
    expect(elements(en, (e) => e.tagName === 'title').map(textOf)[0]).toMatch(/^Japan Provides US\$1,000,000 .* — Embassy of Japan in Cambodia$/)
    expect(head(en, 'meta', 'property', 'og:description')[0]!.properties.content).toMatch(/^The Government of Japan will provide US\$1,000,000/)
    // The letterhead dates as the PDF writes them: Khmer digits and month in the Khmer page.
    expect(elements(en, (e) => e.tagName === 'time').map(textOf)).toEqual(['18 February 2026'])
    expect(elements(km, (e) => e.tagName === 'time').map(textOf)).toEqual(['ថ្ងៃទី១៨ ខែ កុម្ភៈ ឆ្នាំ២០២៦'])
    expect(elements(km, (e) => e.tagName === 'time')[0]!.properties.dateTime).toBe('2026-02-18')
    expect(elements(km, (e) => e.tagName === 'h1').map(textOf)[0]).toContain('១,០០០,០០០ ដុល្លារអាមេរិក')
    expect(elements(km, (e) => e.tagName === 'p' && String(e.properties.className) === 'organisation').map(textOf)).toEqual(['ស្ថានទូតជប៉ុនប្រចាំកម្ពុជា'])
    // The language switch links to the other page, relative so the site works wherever it is served.
    expect(elements(en, (e) => e.tagName === 'a' && e.properties.hrefLang === 'km')[0]!.properties.href).toBe('../../../km/2026/010/')
    // The body holds the model's blocks: 3 paragraphs and a list of 2 in the Khmer.
    expect(elements(km, (e) => e.tagName === 'li').length).toBe(2)
  })

  it('copies the PDF into the site and links it when there is one', async () => {
    const withPdf = await renderSite({[seedPath]: seed}, {pdf: true})
    expect(withPdf.get('site/pdf/2026-010.pdf')).toEqual(pdfBytes)
    const link = elements(text(withPdf, 'site/en/2026/010/index.html'), (e) => e.tagName === 'a' && e.properties.type === 'application/pdf')
    expect(link.map((e) => e.properties.href)).toEqual(['../../../pdf/2026-010.pdf'])
    const feed = new XMLParser({ignoreAttributes: false}).parse(text(withPdf, 'site/en/feed.xml'))
    const enclosure = [feed.feed.entry.link].flat().find((l: Record<string, string>) => l['@_rel'] === 'enclosure')
    expect(enclosure).toMatchObject({'@_type': 'application/pdf', '@_length': String(pdfBytes.length), '@_href': `${base}pdf/2026-010.pdf`})

    const without = await renderSite({[seedPath]: seed})
    expect([...without.keys()].filter((file) => file.endsWith('.pdf'))).toEqual([])
    expect(elements(text(without, 'site/en/2026/010/index.html'), (e) => e.properties.type === 'application/pdf' && e.tagName === 'a')).toEqual([])
  })

  it('leaves drafts and releases under embargo out of pages, indexes, feeds, sitemap and releases.json', async () => {
    const files = {
      [seedPath]: seedVariant({embargo: '2026-02-18T10:00:00+07:00'}),
      'releases/2026/011-draft.md': seedVariant({ref: 'No. 11 PR-26/EoJ', date: '2026-02-20', draft: true})
    }
    const before = await renderSite(files, {now: new Date('2026-02-18T09:59:59+07:00'), pdf: true})
    const published = await renderSite(files, {now: new Date('2026-02-18T10:00:00+07:00'), pdf: true})
    // The search index's own files are search.test.ts's to check.
    const siteFiles = (out: Map<string, unknown>) =>
      [...out.keys()].filter((file) => file.startsWith('site/') && !file.startsWith('site/assets/') && !file.startsWith('site/pagefind/'))
    expect(siteFiles(before).sort()).toEqual(
      [
        'site/en/feed.xml', 'site/en/index.html', 'site/en/search/index.html', 'site/index.html', 'site/km/feed.xml', 'site/km/index.html',
        'site/km/search/index.html', 'site/releases.json', 'site/sitemap.xml'
      ].sort()
    )
    expect(siteFiles(published)).toContain('site/en/2026/010/index.html')
    expect(siteFiles(published)).toContain('site/pdf/2026-010.pdf')
    expect(siteFiles(published).some((file) => file.includes('011') || file.includes('2026-011'))).toBe(false)
    for (const out of [before, published]) {
      for (const file of ['site/en/index.html', 'site/km/feed.xml', 'site/sitemap.xml', 'site/releases.json']) {
        expect(text(out, file)).not.toContain('/011/')
        expect(text(out, file)).not.toContain('No. 11')
      }
    }
    expect(text(before, 'site/sitemap.xml')).not.toContain('2026/010')
    expect(text(published, 'site/sitemap.xml')).toContain('2026/010')
    expect(JSON.parse(text(before, 'site/releases.json')).releases).toEqual([])
    expect(JSON.parse(text(published, 'site/releases.json')).releases.map((r: {id: string}) => r.id)).toEqual(['2026-010'])
    // Drafts and embargoed releases still get their preview.
    expect(before.has('preview/2026-010.html')).toBe(true)
    expect(before.has('preview/2026-011.html')).toBe(true)
    // The feed's times come from the embargo, not the clock.
    expect(new XMLParser().parse(text(published, 'site/en/feed.xml')).feed.entry.updated).toBe('2026-02-18T03:00:00Z')
  })

  it('lists releases newest first, grouped by year', async () => {
    const files = await renderSite({
      [seedPath]: seed,
      'releases/2026/009-earlier.md': seedVariant({ref: 'No. 9 PR-26/EoJ', date: '2026-01-30'}),
      'releases/2025/031-last-year.md': seedVariant({ref: 'No. 31 PR-25/EoJ', date: '2025-12-01'})
    })
    const en = text(files, 'site/en/index.html')
    expect(elements(en, (e) => e.tagName === 'h2').map(textOf)).toEqual(['2026', '2025'])
    expect(elements(en, (e) => e.tagName === 'time').map(textOf)).toEqual(['18 February 2026', '30 January 2026', '1 December 2025'])
    expect(elements(en, (e) => e.tagName === 'a' && /^\d{4}\//.test(String(e.properties.href))).map((e) => e.properties.href)).toEqual([
      '2026/010/',
      '2026/009/',
      '2025/031/'
    ])
    const km = text(files, 'site/km/index.html')
    expect(elements(km, (e) => e.tagName === 'h2').map(textOf)).toEqual(['ឆ្នាំ២០២៦', 'ឆ្នាំ២០២៥'])
    expect(elements(km, (e) => e.tagName === 'time').map(textOf)[2]).toBe('ថ្ងៃទី១ ខែ ធ្នូ ឆ្នាំ២០២៥')
    const catalogue = JSON.parse(text(files, 'site/releases.json'))
    expect(catalogue.releases.map((r: {id: string}) => r.id)).toEqual(['2026-010', '2026-009', '2025-031'])
    expect(catalogue.releases[0].languages.km.url).toBe(`${base}km/2026/010/`)
  })

  it('writes Atom feeds and a sitemap that parse as XML, with one entry per release and stable ids', async () => {
    const files = await renderSite({
      [seedPath]: seed,
      'releases/2026/009-earlier.md': seedVariant({ref: 'No. 9 PR-26/EoJ', date: '2026-01-30'})
    })
    const xml = new XMLParser({ignoreAttributes: false, isArray: (name) => ['entry', 'url', 'xhtml:link', 'link'].includes(name)})
    for (const lang of ['en', 'km'] as const) {
      const source = text(files, `site/${lang}/feed.xml`)
      expect(XMLValidator.validate(source)).toBe(true)
      const {feed} = xml.parse(source)
      expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom')
      expect(feed['@_xml:lang']).toBe(lang)
      expect(feed.id).toBe(`${base}${lang}/`)
      expect(feed.updated).toBe('2026-02-18T00:00:00Z')
      expect(feed.author.name).toBeTruthy()
      expect(feed.entry.map((entry: {id: string}) => entry.id)).toEqual([`${base}${lang}/2026/010/`, `${base}${lang}/2026/009/`])
      for (const entry of feed.entry) {
        expect(entry.title).toBeTruthy()
        expect(entry.updated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
        expect(entry.link.find((l: Record<string, string>) => l['@_rel'] === 'alternate')['@_href']).toBe(entry.id)
        expect(entry.content['@_type']).toBe('html')
      }
    }
    const sitemapSource = text(files, 'site/sitemap.xml')
    expect(XMLValidator.validate(sitemapSource)).toBe(true)
    const {urlset} = xml.parse(sitemapSource)
    expect(urlset['@_xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9')
    const page = urlset.url.find((u: {loc: string}) => u.loc === `${base}km/2026/010/`)
    expect(page.lastmod).toBe('2026-02-18')
    expect(page['xhtml:link'].map((l: Record<string, string>) => [l['@_hreflang'], l['@_href']])).toEqual([
      ['en', `${base}en/2026/010/`],
      ['km', `${base}km/2026/010/`],
      ['x-default', `${base}en/2026/010/`]
    ])
    expect(urlset.url.length).toBe(6)
  })

  it('carries the newest `site.feedEntries` releases in each feed', async () => {
    const config = {...projectConfig(), site: {...projectConfig().site, feedEntries: 1}}
    const files = await renderSite({[seedPath]: seed, 'releases/2026/009-earlier.md': seedVariant({ref: 'No. 9 PR-26/EoJ', date: '2026-01-30'})}, {config})
    for (const lang of ['en', 'km'] as const) {
      const {feed} = new XMLParser().parse(text(files, `site/${lang}/feed.xml`))
      expect(feed.entry.id).toBe(`${base}${lang}/2026/010/`)
    }
    // The index still lists both.
    expect(text(files, 'site/en/index.html')).toContain('No. 9 PR-26/EoJ')
  })

  it('gives the same bytes for the same input', async () => {
    const files = {[seedPath]: seed, 'releases/2026/009-earlier.md': seedVariant({ref: 'No. 9 PR-26/EoJ', date: '2026-01-30'})}
    const first = await renderSite(files, {pdf: true})
    const second = await renderSite(files, {pdf: true, now: new Date('2027-06-01T00:00:00Z')})
    expect([...second.keys()].sort()).toEqual([...first.keys()].sort())
    for (const [file, data] of first) expect(second.get(file), file).toEqual(data)
  })

  it('writes pages that validate as HTML5', async () => {
    const files = await renderSite({[seedPath]: seed, 'releases/2026/011-draft.md': seedVariant({ref: 'No. 11 PR-26/EoJ', draft: true})}, {pdf: true})
    const pages = [...files.keys()].filter((file) => file.endsWith('.html'))
    // Two release pages, two indexes, two search pages, the home page and two previews.
    expect(pages.length).toBe(9)
    for (const file of pages) await expectValidHtml(text(files, file), file)
  })

  it('without site.baseUrl, links stay relative and there is no canonical URL or sitemap', async () => {
    const config = {...projectConfig(), site: {...projectConfig().site, baseUrl: null}}
    const files = await renderSite({[seedPath]: seed}, {config})
    const html = text(files, 'site/km/2026/010/index.html')
    expect(head(html, 'link', 'rel', 'canonical')).toEqual([])
    expect(head(html, 'meta', 'property', 'og:url')).toEqual([])
    const alternates = elements(html, (e) => e.tagName === 'link' && e.properties.hrefLang !== undefined)
    expect(alternates.map((e) => e.properties.href)).toEqual(['../../../en/2026/010/', './', '../../../en/2026/010/'])
    expect(files.has('site/sitemap.xml')).toBe(false)
    expect(new XMLParser().parse(text(files, 'site/en/feed.xml')).feed.entry.id).toBe('urn:pressroom:release:2026-010:en')
    await expectValidHtml(html, 'km page without baseUrl')
  })

  it('serves WOFF2 pieces of the configured fonts, declared in fonts.css with their ranges', async () => {
    const files = await renderSite({[seedPath]: seed})
    const css = text(files, 'site/assets/fonts.css')
    const urls = [...css.matchAll(/url\("fonts\/([^"]+)"\)/g)].map((m) => m[1]!)
    const latin = ['NotoSans-Regular', 'NotoSans-Bold', 'NotoSans-Italic', 'NotoSans-BoldItalic']
    expect(new Set(urls)).toEqual(new Set(['NotoSansKhmer-Regular.woff2', 'NotoSansKhmer-Bold.woff2', ...latin.flatMap((name) => [`${name}.woff2`, `${name}-ext.woff2`])]))
    for (const name of new Set(urls)) {
      const data = files.get(`site/assets/fonts/${name}`) as Uint8Array
      expect(new TextDecoder().decode(data.slice(0, 4))).toBe('wOF2')
      // A piece of the font, compressed: well under half the shipped file.
      expect(data.length).toBeLessThan(readFileSync(path.join(repoRoot, 'fonts', name.replace(/(-ext)?\.woff2$/, '.ttf'))).length / 2)
    }
    expect(css).toMatch(/font-family: "Pressroom Khmer";[^}]*unicode-range: U\+1780-17FF/)
    expect(css).toMatch(/src: url\("fonts\/NotoSans-Regular-ext\.woff2"\)[^}]*unicode-range: U\+0100-024F/)
    expect(files.has('site/assets/fonts/OFL.txt')).toBe(true)
  })

  it('keeps in the Khmer web font every glyph HarfBuzz shapes Khmer text to, and its WOFF2 decodes to that font', async () => {
    const khmer = [seed, 'ការប្រើប្រាស់ កើត ស្ត្រី អ៊ុំ ព្រះរាជាណាចក្រ សៀវភៅ កៅអី'].join('\n')
    const full = readRepoFile('fonts/NotoSansKhmer-Regular.ttf')
    const files = await renderSite({[seedPath]: seed})
    const subset = decodeWoff2(files.get('site/assets/fonts/NotoSansKhmer-Regular.woff2') as Uint8Array)
    const shapeWith = (bytes: Uint8Array, line: string) => {
      const font = new hb.Font(new hb.Face(new hb.Blob(bytes), 0))
      const buffer = new hb.Buffer()
      buffer.addText(line)
      buffer.guessSegmentProperties()
      hb.shape(font, buffer)
      const glyphs = buffer.getGlyphInfos().map((info, i) => ({notdef: info.codepoint === 0, cluster: info.cluster, ...buffer.getGlyphPositions()[i]}))
      return glyphs
    }
    const lines = khmer.split('\n').filter((line) => /[\u1780-\u17FF]/.test(line))
    expect(lines.length).toBeGreaterThan(4)
    for (const line of lines) {
      const khmerOnly = line.replace(/[^\u1780-\u17FF\u19E0-\u19FF ]/g, '')
      const expected = shapeWith(full, khmerOnly)
      const actual = shapeWith(subset, khmerOnly)
      expect(actual.filter((glyph) => glyph.notdef)).toEqual([])
      expect(actual.map(({notdef: _notdef, ...rest}) => rest)).toEqual(expected.map(({notdef: _notdef, ...rest}) => rest))
    }
  })

  it('takes the web fonts of shipped fonts from dist/web-fonts, the same bytes as made afresh; makes those of other fonts', async () => {
    const khmer = readRepoFile('fonts/NotoSansKhmer-Regular.ttf')
    const [piece] = webFontsOf('Pressroom Khmer', khmer)
    const shipped = readFileSync(path.join(shippedWebFontsDir, piece!.name))
    expect(Buffer.from(piece!.make()).equals(shipped)).toBe(true)
    const served = (await renderWebFonts([{family: 'Pressroom Khmer', role: 'regular', source: 'fonts/NotoSansKhmer-Regular.ttf', bytes: khmer}])).files[0]!.data
    expect(Buffer.from(served).equals(shipped)).toBe(true)
    // A font pressroom does not ship (here: the shipped one with a byte added) is made in the build.
    const own = Buffer.concat([khmer, Buffer.alloc(4)])
    expect(existsSync(path.join(shippedWebFontsDir, webFontsOf('Pressroom Khmer', own)[0]!.name))).toBe(false)
    const made = (await renderWebFonts([{family: 'Pressroom Khmer', role: 'regular', source: 'own/Khmer.ttf', bytes: own}])).files[0]!
    expect(made.name).toBe('Khmer.woff2')
    expect(new TextDecoder().decode(made.data.slice(0, 4))).toBe('wOF2')
  })

  it("ships the preview's Khmer font too, the same bytes as made afresh", async () => {
    const khmer = readRepoFile('fonts/NotoSansKhmer-Regular.ttf')
    const font = previewFontOf(khmer)
    const shipped = readFileSync(path.join(shippedWebFontsDir, font.name))
    expect(Buffer.from(await font.make()).equals(shipped)).toBe(true)
    const {fontCss} = await loadPreviewAssets(repoRoot, projectConfig())
    expect(fontCss).toContain(`data:font/woff;base64,${shipped.toString('base64')}`)
  })

  it("uses the project's own templates when it has them", async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'pressroom-templates-'))
    mkdirSync(path.join(root, 'templates/site'), {recursive: true})
    const shipped = readRepoFile('templates/site/release.html').toString('utf8')
    writeFileSync(path.join(root, 'templates/site/release.html'), shipped.replace('<main>', '<main><p class="office-notice">Embassy notice</p>'))
    const files = await renderSite({[seedPath]: seed}, {root})
    expect(text(files, 'site/en/2026/010/index.html')).toContain('<p class="office-notice">Embassy notice</p>')
    // Files the project did not copy come from pressroom.
    expect(text(files, 'site/en/index.html')).toContain('class="releases"')

    writeFileSync(path.join(root, 'templates/site/release.html'), shipped.replace('{{headline}}', '{{headlien}}'))
    await expect(renderSite({[seedPath]: seed}, {root})).rejects.toThrow(TemplateError)
    await expect(renderSite({[seedPath]: seed}, {root})).rejects.toThrow(/release\.html: unknown placeholder \{\{headlien\}\}/)
  })
})

/**
 * A TrueType font from a WOFF2 file whose tables are not transformed (as
 * pressroom writes them): Brotli, then the table directory rebuilt.
 */
function decodeWoff2(woff2: Uint8Array): Uint8Array {
  const view = new DataView(woff2.buffer, woff2.byteOffset, woff2.byteLength)
  expect(view.getUint32(0)).toBe(0x774f4632)
  const count = view.getUint16(12)
  let at = 48
  const tables: Array<{tag: number; length: number}> = []
  for (let i = 0; i < count; i++) {
    const flags = woff2[at++]!
    expect(flags & 0x3f).toBe(63)
    const tag = view.getUint32(at)
    at += 4
    let length = 0
    for (;;) {
      const byte = woff2[at++]!
      length = length * 128 + (byte & 0x7f)
      if (byte < 0x80) break
    }
    tables.push({tag, length})
  }
  const data = brotliDecompressSync(woff2.subarray(at, at + view.getUint32(20)))
  const padded = (n: number) => n + ((4 - (n % 4)) % 4)
  const out = new Uint8Array(12 + 16 * count + tables.reduce((sum, table) => sum + padded(table.length), 0))
  const sfnt = new DataView(out.buffer)
  sfnt.setUint32(0, view.getUint32(4))
  sfnt.setUint16(4, count)
  let offset = 12 + 16 * count
  let from = 0
  tables.forEach((table, i) => {
    sfnt.setUint32(12 + i * 16, table.tag)
    sfnt.setUint32(12 + i * 16 + 8, offset)
    sfnt.setUint32(12 + i * 16 + 12, table.length)
    out.set(data.subarray(from, from + table.length), offset)
    from += table.length
    offset += padded(table.length)
  })
  expect(from).toBe(data.length)
  return out
}
