import fc from 'fast-check'
import rehypeParse from 'rehype-parse'
import {unified} from 'unified'
import {visit} from 'unist-util-visit'
import {VFileMessage} from 'vfile-message'
import {beforeAll, describe, expect, it} from 'vitest'
import {XMLParser} from 'fast-xml-parser'
import {releaseIdentity} from '../../release/identity.js'
import type {Inline, Position, Release} from '../../release/model.js'
import {loadPreviewAssets} from '../../preview/assets.js'
import {renderPreview, type PreviewAssets} from '../../preview/render-preview.js'
import {checkTexts, projectConfig, repoRoot, seedPath} from '../../test/project.js'
import {loadSiteAssets, type SiteAssets} from './assets.js'
import {renderFeed} from './feed.js'
import {summarizeRelease} from '../../release/summary.js'
import {renderIndexPage, renderReleasePage, type SiteContext} from './pages.js'
import {executableMarkup, hostileLinks, hostileRelease, hostileText} from '../../test/hostile.js'

const parser = unified().use(rehypeParse)
const config = projectConfig()
let assets: SiteAssets
let previewAssets: PreviewAssets
let site: SiteContext

beforeAll(async () => {
  assets = await loadSiteAssets(repoRoot, config)
  previewAssets = await loadPreviewAssets(repoRoot, config)
  site = {config, assets, generator: 'pressroom 0.1.0'}
})

function renderAll(release: Release, messages: readonly VFileMessage[] = []) {
  const identity = releaseIdentity(release, config) ?? {year: 2026, number: 10, id: '2026-010', sitePath: '2026/010', slug: 'x'}
  const item = {release, identity, summary: summarizeRelease(release), pdf: null, search: () => []}
  const pages: Array<[string, string]> = []
  for (const lang of ['en', 'km'] as const) {
    if (release.sections[lang]) pages.push([`${lang} page`, renderReleasePage(item, lang, site)])
    pages.push([`${lang} index`, renderIndexPage([item], lang, site)])
    const feed = new XMLParser().parse(renderFeed([item], lang, site)).feed
    if (feed.entry) pages.push([`${lang} feed content`, String(feed.entry.content)])
  }
  pages.push(['preview', renderPreview({release, file: {messages}}, config, {assets: previewAssets, live: {events: '/events', version: '1'}})])
  return pages
}

describe('hostile input', () => {
  it('the detector finds executable markup', () => {
    expect(executableMarkup('<p><script>alert(1)</script></p>')).toEqual(['<script>'])
    expect(executableMarkup('<a href=" java\tscript:alert(1)" onclick="x">a</a>')).toEqual(['a[href=javascript:alert(1)]', 'a[onClick]'])
    expect(executableMarkup('<svg><a href="data:text/html,x"></a></svg>')).toEqual(['<svg>', 'a[href=data:text/html,x]'])
  })

  for (const snippet of [...hostileLinks, ...hostileText]) {
    it(`makes no executable markup from ${JSON.stringify(snippet)}`, () => {
      const [entry] = checkTexts({[seedPath]: hostileRelease(snippet)}, config)
      for (const [name, html] of renderAll(entry!.release, entry!.file.messages)) {
        expect(executableMarkup(html, [previewAssets.script, `${previewAssets.fontCss}\n${previewAssets.css}`]), name).toEqual([])
      }
    })
  }

  it('reports the unsafe links as errors (the second guard is not the only one)', () => {
    for (const snippet of hostileLinks.slice(0, 8)) {
      const [entry] = checkTexts({[seedPath]: hostileRelease(snippet)}, config)
      expect(entry!.file.messages.some((m) => m.fatal === true), snippet).toBe(true)
    }
  })

  it('keeps hostile text as visible text', () => {
    const [entry] = checkTexts({[seedPath]: hostileRelease('&lt;script&gt;alert(1)&lt;/script&gt; " onmouseover="x')}, config)
    const [, page] = renderAll(entry!.release)[0]!
    const root = parser.parse(page)
    let body = ''
    visit(root, 'text', (node: {value: string}) => {
      body += node.value
    })
    expect(body).toContain('<script>alert(1)</script> " onmouseover="x')
  })

  it('makes no executable markup from any model (property)', () => {
    const fragment = fc.constantFrom(
      '<', '>', '"', "'", '&', '&amp;', '`', '=', ' ', '/', '\\', '\t', '\n', '\u0000', '\u2028',
      'script', '<script>', '</script>', '</title>', '</style>', '<!--', '-->', ']]>', 'onmouseover=', 'onerror=',
      'javascript:', 'JAVASCRIPT:', 'data:text/html,', 'vbscript:', 'java\tscript:', 'https://example.org/',
      '{{title}}', '{{article}}', '{{', '}}', 'alert(1)', 'ILO', 'US$1,000,000', '១,០០០,០០០ ដុល្លារអាមេរិក', 'ជប៉ុន'
    )
    const hostile = fc.array(fragment, {maxLength: 12}).map((parts) => parts.join(''))
    fc.assert(
      fc.property(hostile, hostile, hostile, hostile, hostile, (text, url, title, ref, reason) => {
        const release = modelRelease(text, url, title, ref)
        const message = new VFileMessage(reason, {place: {line: 3, column: 1}, ruleId: `rule${reason}`, source: 'pressroom'})
        message.note = reason
        message.expected = [reason]
        for (const [name, html] of renderAll(release, [message])) {
          expect(executableMarkup(html, [previewAssets.script, `${previewAssets.fontCss}\n${previewAssets.css}`]), name).toEqual([])
        }
      }),
      {numRuns: 60}
    )
  })
})

/** A release built as a model, bypassing the reader: the renderers must be safe on their own. */
function modelRelease(text: string, url: string, title: string, ref: string): Release {
  const at: Position = {start: {line: 3, column: 1, offset: 10}, end: {line: 3, column: 40, offset: 50}}
  const inline = (): Inline[] => [
    {type: 'text', value: text, position: at},
    {type: 'link', url, title, children: [{type: 'text', value: text, position: at}], position: at},
    {type: 'emphasis', children: [{type: 'text', value: title, position: at}], position: at}
  ]
  const section = (lang: 'en' | 'km') => ({
    lang,
    label: lang,
    headingPosition: at,
    headline: {children: inline(), text, position: at},
    blocks: [
      {type: 'paragraph' as const, children: inline(), position: at},
      {type: 'list' as const, ordered: true, start: 2, items: [{children: [{type: 'paragraph' as const, children: inline(), position: at}], position: at}], position: at},
      {type: 'quote' as const, children: [{type: 'paragraph' as const, children: inline(), position: at}], position: at}
    ],
    position: at
  })
  return {
    path: 'releases/2026/010-x.md',
    frontmatter: {position: null, readable: true, fields: {}, ref, date: '2026-02-18', embargo: null, draft: false, unreadable: []},
    sections: {en: section('en'), km: section('km')},
    order: ['en', 'km'],
    source: {bom: false, lineEnding: '\n'}
  }
}
