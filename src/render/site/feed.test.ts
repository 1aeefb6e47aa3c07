import fc from 'fast-check'
import {SaxesParser} from 'saxes'
import {beforeAll, describe, expect, it} from 'vitest'
import {releaseIdentity} from '../../release/identity.js'
import type {Inline, Position, Release} from '../../release/model.js'
import {checkTexts, projectConfig, readRepoFile, repoRoot, seedPath} from '../../test/project.js'
import {loadSiteAssets} from './assets.js'
import {summarizeRelease} from '../../release/summary.js'
import {renderFeed} from './feed.js'
import type {SiteContext} from './pages.js'

/** Every Atom feed is well-formed XML 1.0, whatever text the releases hold. */
const config = projectConfig()
let site: SiteContext

beforeAll(async () => {
  site = {config, assets: await loadSiteAssets(repoRoot, config), generator: 'pressroom 0.1.0'}
})

/** Parses with a strict XML 1.0 parser; returns its errors and the text of each element, by name. */
function parseXml(xml: string): {errors: string[]; texts: Map<string, string[]>} {
  const errors: string[] = []
  const texts = new Map<string, string[]>()
  const parser = new SaxesParser()
  const open: Array<{name: string; text: string}> = []
  parser.on('error', (error) => errors.push(error.message))
  parser.on('opentag', (tag) => open.push({name: tag.name, text: ''}))
  parser.on('text', (text) => {
    if (open.length > 0) open.at(-1)!.text += text
  })
  parser.on('closetag', () => {
    const {name, text} = open.pop()!
    texts.set(name, [...(texts.get(name) ?? []), text])
  })
  parser.write(xml).close()
  return {errors, texts}
}

function feedsOf(release: Release): string[] {
  const identity = releaseIdentity(release, config) ?? {year: 2026, number: 10, id: '2026-010', sitePath: '2026/010', slug: 'x'}
  return (['en', 'km'] as const).map((lang) => renderFeed([{release, identity, summary: summarizeRelease(release), pdf: null, search: () => []}], lang, site))
}

const at: Position = {start: {line: 3, column: 1, offset: 10}, end: {line: 3, column: 40, offset: 50}}

function modelRelease(headline: string, text: string, url: string, title: string): Release {
  const inline = (): Inline[] => [
    {type: 'text', value: text, position: at},
    {type: 'link', url, title, children: [{type: 'text', value: text, position: at}], position: at},
    {type: 'strong', children: [{type: 'text', value: title, position: at}], position: at}
  ]
  const section = (lang: 'en' | 'km') => ({
    lang,
    label: lang,
    headingPosition: at,
    headline: {children: [{type: 'text' as const, value: headline, position: at}], text: headline, position: at},
    blocks: [{type: 'paragraph' as const, children: inline(), position: at}],
    position: at
  })
  return {
    path: 'releases/2026/010-x.md',
    frontmatter: {position: null, readable: true, fields: {}, ref: 'No. 10 PR-26/EoJ', date: '2026-02-18', embargo: null, draft: false, unreadable: []},
    sections: {en: section('en'), km: section('km')},
    order: ['en', 'km'],
    source: {bom: false, lineEnding: '\n'}
  }
}

/** What XML can carry of a text: its characters outside XML 1.0's `Char` are gone. */
const xmlChars = (text: string) => text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')

describe('the Atom feed', () => {
  it('stays XML when removing a character XML cannot carry joins `]]` and `>`', () => {
    for (const feed of feedsOf(modelRelease('', '', '', ']]\uD800>'))) expect(parseXml(feed).errors).toEqual([])
  })

  it('stays XML with `]]>` in a paragraph of the seed, and keeps it as text', () => {
    const seed = readRepoFile(seedPath).toString('utf8')
    const [entry] = checkTexts({[seedPath]: seed.replace('The Government of Japan will provide', 'The Government ]]> of Japan <![CDATA[ will provide')})
    const [en, km] = feedsOf(entry!.release).map(parseXml)
    expect([...en!.errors, ...km!.errors]).toEqual([])
    expect(en!.texts.get('summary')![0]).toContain('The Government ]]> of Japan <![CDATA[ will provide')
    expect(en!.texts.get('content')![0]).toContain('The Government ]]> of Japan &#x3C;![CDATA[ will provide')
  })

  it('is well-formed XML for any text, and keeps the headline (property)', () => {
    const piece = fc.oneof(
      fc.string({unit: 'binary', maxLength: 8}),
      fc.constantFrom(']]>', ']]', '>', '<![CDATA[', '&', '&amp;', '<', '"', "'", '\u0000', '\u001b[2J', '\uFFFE', '\uFFFF', '\uD800', '\uDC00', '\u202E', 'ជប៉ុន', '\r\n')
    )
    const text = fc.array(piece, {maxLength: 10}).map((parts) => parts.join(''))
    fc.assert(
      fc.property(text, text, text, text, (headline, body, url, title) => {
        for (const feed of feedsOf(modelRelease(headline, body, url, title))) {
          const {errors, texts} = parseXml(feed)
          expect(errors).toEqual([])
          const entryTitle = texts.get('title')!.at(-1)!
          expect(entryTitle).toBe(xmlChars(headline.trim() || 'No. 10 PR-26/EoJ').replace(/\r\n?/g, '\n'))
        }
      }),
      // Lone surrogates around a NUL: removing the NUL alone would join them into one character.
      {numRuns: Number(process.env.FUZZ_RUNS ?? 300), examples: [['\uD800\u0000\uDC00', '', '', '']]}
    )
  })
})
