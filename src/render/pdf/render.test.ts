/**
 * The letterhead PDF, rendered for real and read back with real tools:
 * qpdf, pdffonts, pdfinfo, pdftotext, pdftoppm and hb-shape (poppler-utils,
 * qpdf, libharfbuzz-bin). A missing tool fails the test.
 */
import {execFileSync} from 'node:child_process'
import {mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, afterEach, beforeAll, describe, expect, it, vi} from 'vitest'
import type {RenderContext} from '../renderer.js'
import type {Config} from '../../config/model.js'
import {releaseIdentity} from '../../release/identity.js'
import type {Release} from '../../release/model.js'
import {parseRelease} from '../../release/parse.js'
import {blockTextNodes, plainText, pointFromOffset} from '../../release/text.js'
import {projectConfig, repoRoot, seedPath} from '../../test/project.js'
import {createPdfRenderer, loadPdfFonts, loadPdfTemplate, renderPdf, type PdfResult} from './index.js'
import {layoutRelease} from './layout/index.js'

const work = mkdtempSync(path.join(tmpdir(), 'pressroom-pdf-'))
const seedSource = readFileSync(path.join(repoRoot, seedPath), 'utf8')
const config = projectConfig()
const template = loadPdfTemplate(repoRoot)
const {fonts} = loadPdfFonts(config)
afterAll(() => rmSync(work, {recursive: true, force: true}))

function tool(command: string, args: readonly string[], input?: string): string {
  return execFileSync(command, args, {encoding: 'utf8', input, maxBuffer: 1 << 26, stdio: ['pipe', 'pipe', 'pipe']})
}

function parse(source: string, file = seedPath): Release {
  return parseRelease(file, new TextEncoder().encode(source)).release
}

function render(source: string, options: {config?: Config} = {}): PdfResult {
  return renderPdf(parse(source), options.config ?? config, fonts, {template, source, generator: 'pressroom test'})
}

function save(bytes: Uint8Array, name: string): string {
  const file = path.join(work, name)
  writeFileSync(file, bytes)
  return file
}

// ---------------------------------------------------------------------------
// Reading the PDF back.

interface Token {
  kind: 'op' | 'name' | 'string' | 'hex' | 'number' | 'open' | 'close'
  value: string
}

/** PDF content-stream tokens (ISO 32000-1 §7.2); strings keep their raw bytes. */
function tokenize(content: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < content.length) {
    const char = content[i]!
    if (/\s/.test(char)) {
      i++
    } else if (char === '(') {
      let depth = 0
      let value = ''
      for (i++; i < content.length; i++) {
        const c = content[i]!
        if (c === '\\') {
          value += content[++i]
        } else if (c === '(') {
          depth++
          value += c
        } else if (c === ')') {
          if (depth-- === 0) break
          value += c
        } else {
          value += c
        }
      }
      i++
      tokens.push({kind: 'string', value})
    } else if (content.startsWith('<<', i) || content.startsWith('>>', i)) {
      tokens.push({kind: char === '<' ? 'open' : 'close', value: char + char})
      i += 2
    } else if (char === '<') {
      const end = content.indexOf('>', i)
      tokens.push({kind: 'hex', value: content.slice(i + 1, end)})
      i = end + 1
    } else if (char === '[' || char === ']') {
      tokens.push({kind: char === '[' ? 'open' : 'close', value: char})
      i++
    } else if (char === '/') {
      const match = /^\/[^\s/<>[\]()]*/.exec(content.slice(i, i + 200))!
      tokens.push({kind: 'name', value: match[0].slice(1)})
      i += match[0].length
    } else {
      const match = /^[^\s/<>[\]()]+/.exec(content.slice(i, i + 200))!
      tokens.push({kind: /^[-+.\d]/.test(match[0]) ? 'number' : 'op', value: match[0]})
      i += match[0].length
    }
  }
  return tokens
}

interface PdfFacts {
  /** Uncompressed file (qpdf --qdf), as Latin-1. */
  qdf: string
  /** Content stream of each page. */
  pages: string[]
  /** Resource name (F1) → BaseFont without the subset tag. */
  fontNames: Map<string, string>
  /** Every object's text. */
  objects: string[]
}

function readPdf(file: string): PdfFacts {
  const qdfFile = `${file}.qdf`
  tool('qpdf', ['--qdf', '--object-streams=disable', file, qdfFile])
  const qdf = readFileSync(qdfFile, 'latin1')
  const pages = [...qdf.matchAll(/%% Contents for page \d+\n(?:%%[^\n]*\n)*\d+ 0 obj\n<<[\s\S]*?>>\nstream\n([\s\S]*?)endstream/g)].map((m) => m[1]!)
  const objects = new Map<string, string>()
  for (const m of qdf.matchAll(/\n(\d+) 0 obj\n([\s\S]*?)\nendobj/g)) objects.set(m[1]!, m[2]!)
  const fontNames = new Map<string, string>()
  for (const m of qdf.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
    const base = /\/BaseFont \/[A-Z]{6}\+(\S+)/.exec(objects.get(m[2]!) ?? '')
    if (base) fontNames.set(m[1]!, base[1]!)
  }
  return {qdf, pages, fontNames, objects: [...objects.values()]}
}

/** Glyph ids drawn with each font (by BaseFont), in content-stream order. */
function glyphsByFont(facts: PdfFacts): Map<string, number[]> {
  const out = new Map<string, number[]>()
  for (const page of facts.pages) {
    let font = ''
    const tokens = tokenize(page)
    for (const [index, token] of tokens.entries()) {
      if (token.kind === 'op' && token.value === 'Tf') font = facts.fontNames.get(tokens[index - 2]!.value)!
      if (token.kind === 'hex' && tokens[index - 1]?.value !== 'ActualText') {
        const list = out.get(font) ?? []
        for (let k = 0; k < token.value.length; k += 4) list.push(Number.parseInt(token.value.slice(k, k + 4), 16))
        out.set(font, list)
      }
    }
  }
  return out
}

function pdftotext(file: string): string {
  return tool('pdftotext', ['-enc', 'UTF-8', file, '-'])
}

const KHMER = /[\u1780-\u17FF\u19E0-\u19FF]/u

/**
 * Whether `token` appears whole (between white space or the text's ends)
 * in extracted text, allowing a line break between two of its characters:
 * a word wrapped at a line end. Any other character inside, a space
 * above all, is a failure.
 */
function extracted(text: string, token: string): boolean {
  const chars = [...token].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`(?:^|\\s)${chars.join('\\n?')}(?=\\s|$)`, 'u').test(text)
}

/** The texts of a release section as they stand in the source: headline, then each block. */
function sectionTexts(release: Release, lang: 'en' | 'km'): string[] {
  const section = release.sections[lang]!
  const texts = [section.headline!.text]
  for (const block of section.blocks) {
    if (block.type === 'list') for (const item of block.items) for (const child of item.children) texts.push(blockTextNodes(child).map((n) => n.value).join(''))
    else texts.push(block.type === 'quote' ? blockTextNodes(block).map((n) => n.value).join(' ') : plainText(block.children))
  }
  return texts
}

function letterheadTexts(lang: 'en' | 'km'): string[] {
  return lang === 'km'
    ? [config.organisation.km, config.title.km, 'ថ្ងៃទី១៨ ខែ កុម្ភៈ ឆ្នាំ២០២៦']
    : ['EMBASSY OF JAPAN IN CAMBODIA', config.title.en, 'No. 10 PR-26/EoJ', '18 February 2026', config.organisation.en]
}

function tokensOf(texts: readonly string[], keep: (token: string) => boolean = () => true): string[] {
  return texts.flatMap((text) => text.split(/\s+/u)).filter((token) => token !== '' && keep(token))
}

/** Checks that every marked-content sequence is balanced and that ActualText spans sit inside tagged content or an artifact. */
function checkMarkedContent(page: string): {spans: number; mcids: number} {
  const tokens = tokenize(page)
  const stack: Array<{actual: boolean; mcid: boolean; artifact: boolean; textDepth: number}> = []
  let textDepth = 0
  let spans = 0
  let mcids = 0
  for (const [index, token] of tokens.entries()) {
    if (token.kind !== 'op') continue
    if (token.value === 'BT') textDepth++
    if (token.value === 'ET') {
      expect(stack.filter((entry) => entry.textDepth === textDepth)).toEqual([])
      textDepth--
    }
    if (token.value === 'BDC' || token.value === 'BMC') {
      let k = index - 1
      if (tokens[k]!.kind === 'close') while (tokens[k]!.kind !== 'open' || tokens[k]!.value !== '<<') k--
      const dict = tokens.slice(k, index)
      const tag = token.value === 'BMC' ? tokens[index - 1]!.value : tokens[k - 1]!.value
      const entry = {
        actual: dict.some((t) => t.kind === 'name' && t.value === 'ActualText'),
        mcid: dict.some((t) => t.kind === 'name' && t.value === 'MCID'),
        artifact: tag === 'Artifact',
        textDepth
      }
      if (entry.actual) {
        spans++
        expect(stack.some((open) => open.mcid || open.artifact)).toBe(true)
      }
      if (entry.mcid) {
        mcids++
        expect(stack.some((open) => open.mcid)).toBe(false)
      }
      stack.push(entry)
    }
    if (token.value === 'EMC') {
      const entry = stack.pop()
      expect(entry).toBeDefined()
      expect(entry!.textDepth).toBe(textDepth)
    }
  }
  expect(stack).toEqual([])
  expect(textDepth).toBe(0)
  return {spans, mcids}
}

// ---------------------------------------------------------------------------

describe('the seed release as a PDF', () => {
  let result: PdfResult
  let file: string
  let facts: PdfFacts
  let text: string

  beforeAll(() => {
    result = render(seedSource)
    expect(result.findings).toEqual([])
    file = save(result.bytes!, '2026-010.pdf')
    facts = readPdf(file)
    text = pdftotext(file)
  })

  it('passes qpdf --check', () => {
    const out = tool('qpdf', ['--check', file])
    expect(out).toContain('No syntax or stream encoding errors found')
    expect(out).not.toMatch(/WARNING|error:/i)
  })

  it('embeds and subsets every font, with a ToUnicode map', () => {
    const rows = tool('pdffonts', [file]).trim().split('\n').slice(2)
    const names = rows.map((row) => row.split(/\s+/)[0]!)
    expect(names.map((name) => name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
      'NotoSans-Bold',
      'NotoSans-Regular',
      'NotoSansKhmer-Bold',
      'NotoSansKhmer-Regular'
    ])
    for (const row of rows) {
      expect(row).toMatch(/^[A-Z]{6}\+\S+\s+CID TrueType\s+Identity-H\s+yes yes yes /)
    }
  })

  it('is A4, tagged, with the headline, organisation and reference as title, author and subject', () => {
    const info = tool('pdfinfo', [file])
    expect(info).toMatch(/^Pages:\s+2$/m)
    expect(info).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)$/m)
    expect(info).toMatch(/^Tagged:\s+yes$/m)
    expect(info).toMatch(/^PDF version:\s+1\.7$/m)
    expect(info).toContain(`Title:           ${parse(seedSource).sections.en!.headline!.text}`)
    expect(info).toMatch(/^Author:\s+Embassy of Japan in Cambodia$/m)
    expect(info).toMatch(/^Subject:\s+No\. 10 PR-26\/EoJ$/m)
    expect(info).toMatch(/^CreationDate:\s+Wed Feb 18 00:00:00 2026 UTC$/m)
  })

  it('gives every Khmer word of the release back through pdftotext, verbatim and in logical order', () => {
    const release = parse(seedSource)
    const tokens = tokensOf([...letterheadTexts('km'), ...sectionTexts(release, 'km')], (token) => KHMER.test(token))
    // The seed's letterhead and body: 49 tokens in the original, whose
    // headline breaks one word by hand; 48 here.
    expect(tokens.length).toBe(48)
    const missing = tokens.filter((token) => !extracted(text, token))
    expect(missing).toEqual([])
    // Logical order across words: each text, spaces removed, is in the extracted text, spaces removed.
    const squeezed = text.replace(/\s+/gu, '')
    for (const part of sectionTexts(release, 'km')) expect(squeezed).toContain(part.replace(/\s+/gu, ''))
  })

  it('gives every English word back through pdftotext', () => {
    const release = parse(seedSource)
    const missing = tokensOf([...letterheadTexts('en'), ...sectionTexts(release, 'en')]).filter((token) => !extracted(text, token))
    expect(missing).toEqual([])
    expect(text).toContain('Email: info.jpn@pp.mofa.go.jp')
    expect(text).toContain('Website: http://www.kh.emb-japan.go.jp')
  })

  it('writes the letterhead of each part: organisation, title, reference, date with Khmer digits, page numbers', () => {
    const [english, khmer] = text.split('\f') as [string, string]
    expect(english.split('\n').slice(0, 4)).toEqual(['EMBASSY OF JAPAN IN CAMBODIA', 'PRESS RELEASE', 'No. 10 PR-26/EoJ', '18 February 2026'])
    expect(khmer.split('\n').slice(0, 4)).toEqual(['ស្ថានទូតជប៉ុនប្រចាំកម្ពុជា', 'សេចក្តីប្រកាសព័ត៌មាន', 'No. 10 PR-26/EoJ', 'ថ្ងៃទី១៨ ខែ កុម្ភៈ ឆ្នាំ២០២៦'])
    // pdftotext drops the spaces of a line of one-character words.
    expect(english).toMatch(/^1 ?\/ ?1$/m)
    expect(khmer).toMatch(/^១ ?\/ ?១$/m)
    expect(khmer).toContain('ទូរស័ព្ទ៖ 023 217 161')
  })

  it('draws the glyphs HarfBuzz (hb-shape) gives for every Khmer word, and no dotted circle or .notdef', () => {
    const release = parse(seedSource)
    const glyphs = glyphsByFont(facts)
    const regular = path.resolve(config.root, config.fonts.km.regular[0]!)
    const bold = path.resolve(config.root, config.fonts.km.bold[0]!)
    const boldTexts = [config.organisation.km, config.title.km, release.sections.km!.headline!.text]
    const isKhmerWord = (token: string) => /^[\u1780-\u17FF]+$/u.test(token)
    for (const [fontFile, texts] of [
      [bold, boldTexts],
      [regular, [letterheadTexts('km')[2]!, ...sectionTexts(release, 'km').slice(1)]]
    ] as const) {
      const tokens = [...new Set(tokensOf(texts, isKhmerWord))]
      const shaped = tool('hb-shape', ['--no-glyph-names', '--no-positions', '--no-clusters', fontFile], `${tokens.join('\n')}\n`)
        .trim()
        .split('\n')
        .map((line) => line.replace(/^\[|\]$/g, '').split('|').map(Number))
      const drawn = (glyphs.get(path.basename(fontFile, '.ttf')) ?? []).join(',')
      expect(tokens.length).toBeGreaterThan(3)
      for (const [index, token] of tokens.entries()) {
        expect(`,${drawn},`, token).toContain(`,${shaped[index]!.join(',')},`)
      }
      const dottedCircle = Number(tool('hb-shape', ['--no-glyph-names', '--no-positions', '--no-clusters', fontFile, '◌']).replace(/\D/g, ''))
      expect(drawn.split(',').map(Number)).not.toContain(dottedCircle)
    }
    for (const list of glyphs.values()) expect(list).not.toContain(0)
  })

  it('sets Latin words inside Khmer paragraphs in the Latin face', () => {
    const latin = path.resolve(config.root, config.fonts.km.regular[1]!)
    const ilo = tool('hb-shape', ['--no-glyph-names', '--no-positions', '--no-clusters', latin, '(ILO)']).trim().replace(/^\[|\]$/g, '').split('|')
    const khmerPage = new Map([...glyphsByFont({...facts, pages: [facts.pages[1]!]})])
    expect(`,${khmerPage.get('NotoSans-Regular')!.join(',')},`).toContain(`,${ilo.join(',')},`)
  })

  it('tags headings, paragraphs, lists and links, with /Lang on the Khmer part, ActualText spans nested inside', () => {
    const {qdf} = facts
    expect(qdf).toMatch(/\/Type \/Catalog[\s\S]*?\/Lang \(en\)/)
    expect(qdf).toMatch(/\/Marked true/)
    const tags = [...qdf.matchAll(/\/S \/(\w+)/g)].map((m) => m[1]!)
    for (const tag of ['Document', 'Sect', 'H1', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Link', 'Div']) expect(tags).toContain(tag)
    expect(tags.filter((tag) => tag === 'H1')).toHaveLength(2)
    expect(facts.objects.filter((object) => object.includes('/S /Sect') && object.includes('/Lang (km)'))).toHaveLength(1)
    expect(facts.objects.filter((object) => object.includes('/S /Sect') && object.includes('/Lang (en)'))).toHaveLength(1)
    const counts = facts.pages.map(checkMarkedContent)
    // Khmer needs spans; English almost never does.
    expect(counts[1]!.spans).toBeGreaterThan(300)
    expect(counts[0]!.spans).toBeLessThan(10)
    // Link annotations, owned by Link elements.
    expect(qdf).toMatch(/\/URI \(http:\/\/www\.kh\.emb-japan\.go\.jp\)/)
    expect(qdf).toMatch(/\/URI \(mailto:info\.jpn@pp\.mofa\.go\.jp\)/)
    expect([...qdf.matchAll(/\/Subtype \/Link/g)]).toHaveLength(4)
    expect([...qdf.matchAll(/\/StructParent \d+/g)]).toHaveLength(4)
  })

  it('gives identical bytes on every render, whatever the date and time zone', () => {
    const zone = process.env.TZ
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2031-07-04T12:34:56Z'))
    // Node rereads TZ when it changes.
    process.env.TZ = 'Pacific/Kiritimati'
    try {
      expect(new Date(2026, 1, 18).getTimezoneOffset()).toBe(-840)
      const again = render(seedSource)
      expect(Buffer.from(again.bytes!).equals(Buffer.from(result.bytes!))).toBe(true)
    } finally {
      vi.useRealTimers()
      if (zone === undefined) delete process.env.TZ
      else process.env.TZ = zone
    }
    // The trailer's /ID is a content hash, not a date.
    expect(Buffer.from(result.bytes!).toString('latin1')).toMatch(/\/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]/)
  })

  it('breaks Khmer lines only at a word boundary of the segmenter or after a space', () => {
    const layout = layoutRelease({release: parse(seedSource), config, template, fonts, source: seedSource})
    const words = new Intl.Segmenter('km', {granularity: 'word'})
    let checked = 0
    for (const page of layout.pages) {
      for (const item of page.items) {
        if (item.kind !== 'text' || item.paragraph.lang !== 'km') continue
        const paragraph = item.paragraph.text
        const allowed = new Set([...words.segment(paragraph)].map((segment) => segment.index))
        for (const {line} of item.lines) {
          if (line.endUtf16 === paragraph.length) continue
          checked++
          expect(allowed.has(line.endUtf16) || /\s/u.test(paragraph[line.endUtf16 - 1]!), paragraph.slice(line.startUtf16, line.endUtf16)).toBe(true)
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(8)
  })

  it('renders pages as images (pdftoppm -r 80)', () => {
    const prefix = path.join(work, 'seed-page')
    tool('pdftoppm', ['-r', '80', '-png', file, prefix])
    const images = readdirSync(work).filter((name) => name.startsWith('seed-page') && name.endsWith('.png'))
    expect(images).toHaveLength(2)
    for (const image of images) expect(statSync(path.join(work, image)).size).toBeGreaterThan(20_000)
  })

  it('stays small', () => {
    expect(result.bytes!.length).toBeLessThan(52_000)
  })
})

describe('a longer release: Khmer flowing onto another page, mixed scripts, lists, emphasis, links', () => {
  const long = (() => {
    const [english, khmer] = seedSource.split('# ខ្មែរ\n') as [string, string]
    const head = `${english.trimEnd()}\n\nSee *the* **ILO** [project page](https://www.ilo.org/) and the embassy  \nfor details.\n\n`
    const last = khmer.trim().split('\n').at(-1)!
    const body = [
      khmer.trim(),
      '',
      '### គម្រោង ILO នៅកម្ពុជា',
      '',
      Array.from({length: 7}, () => last).join(' '),
      '',
      '1. ការបណ្តុះបណ្តាល *វិជ្ជាជីវៈ* សម្រាប់ពលករ **១,០០០** នាក់ (Vocational Training)',
      '2. សូមមើល [គេហទំព័រ ILO](https://www.ilo.org/) សម្រាប់ព័ត៌មានបន្ថែម',
      '',
      '> ស្ថានទូតជប៉ុនប្រចាំកម្ពុជា សូមថ្លែងអំណរគុណ។',
      ''
    ].join('\n')
    return `${head}# ខ្មែរ\n${body}`
  })()
  let file: string
  let facts: PdfFacts
  let text: string

  beforeAll(() => {
    const result = render(long)
    expect(result.findings).toEqual([])
    file = save(result.bytes!, 'long.pdf')
    facts = readPdf(file)
    text = pdftotext(file)
  })

  it('flows onto a further page and reads back whole', () => {
    expect(tool('qpdf', ['--check', file])).toContain('No syntax or stream encoding errors found')
    expect(facts.pages.length).toBeGreaterThanOrEqual(3)
    const release = parse(long)
    const missing = tokensOf(sectionTexts(release, 'km'), (token) => KHMER.test(token)).filter((token) => !extracted(text, token))
    expect(missing).toEqual([])
    expect(text).toContain('(Vocational Training)')
    // Emphasis, strong, a link and a hard break in English.
    expect(text).toMatch(/See the ILO project page and the embassy\nfor details\./)
    expect([...facts.fontNames.values()]).toEqual(expect.arrayContaining(['NotoSans-Italic', 'NotoSans-Bold']))
    for (const page of facts.pages) checkMarkedContent(page)
    // The long paragraph's element has marked content on two pages.
    expect(facts.qdf).toMatch(/\/Type \/MCR/)
    expect(text.split('\f')[2]).toMatch(KHMER)
  })

  it('numbers the list in Khmer digits, tags it, and links the link', () => {
    expect(text).toMatch(/^១\. ការបណ្តុះបណ្តាល វិជ្ជាជីវៈ/m)
    expect(text).toMatch(/^២\. សូមមើល គេហទំព័រ ILO/m)
    expect(facts.qdf).toMatch(/\/URI \(https:\/\/www\.ilo\.org\/\)/)
    expect(facts.qdf).toMatch(/\/S \/BlockQuote/)
    expect(facts.qdf).toMatch(/\/S \/H2/)
    const fontsUsed = [...facts.fontNames.values()]
    expect(fontsUsed).toContain('NotoSans-Regular')
    expect(fontsUsed).toContain('NotoSansKhmer-Bold')
  })
})

describe('errors', () => {
  afterEach(() => vi.useRealTimers())

  it('reports a character no font has at its line and column, and makes no PDF', () => {
    const source = seedSource.replace('ជំនួយនេះ មាន', 'ជំនួយនេះ ก មាន')
    const result = render(source)
    expect(result.bytes).toBeNull()
    const at = pointFromOffset(source, source.indexOf('ก'))
    expect(result.findings).toEqual([
      expect.objectContaining({ruleId: 'missing-glyph', severity: 'error', actual: 'ก', place: expect.objectContaining({line: at.line, column: at.column})})
    ])
    expect(result.findings[0]!.reason).toMatch(/^No font covers U\+0E01 "ก"/)
  })

  it('reports a stretch that cannot fit the column, and makes no PDF', () => {
    const url = `https://www.kh.emb-japan.go.jp/${'a'.repeat(120)}`
    const source = seedSource.replace('Recipient: The International', `Recipient: ${url} The International`)
    const result = render(source)
    expect(result.bytes).toBeNull()
    // The address may break after its slashes; the run of a's cannot.
    const at = pointFromOffset(source, source.indexOf('a'.repeat(120)))
    expect(result.findings).toEqual([
      expect.objectContaining({ruleId: 'text-overflow', severity: 'error', place: expect.objectContaining({line: at.line, column: at.column})})
    ])
  })

  it('through the renderer: a pdf/YYYY-NNN.pdf for a good release, findings and no file otherwise', async () => {
    const renderer = createPdfRenderer()
    const context: RenderContext = {config, root: repoRoot, now: new Date('2026-03-01T00:00:00Z'), generator: 'pressroom test'}
    await renderer.prepare!(context)
    const release = parse(seedSource)
    const identity = releaseIdentity(release, config)!
    const good = await renderer.renderRelease({release, identity, source: seedSource, published: true, messages: [], files: []}, context)
    expect(good.findings).toEqual([])
    expect(good.files.map((f) => f.path)).toEqual(['pdf/2026-010.pdf'])
    expect(Buffer.from(good.files[0]!.data as Uint8Array).subarray(0, 8).toString('latin1')).toBe('%PDF-1.7')

    const thai = seedSource.replace('ជំនួយនេះ មាន', 'ជំនួយនេះ ก មាន')
    const bad = await createPdfRenderer().renderRelease({release: parse(thai), identity, source: thai, published: true, messages: [], files: []}, context)
    expect(bad.files).toEqual([])
    expect(bad.findings.map((f) => `${f.ruleId} ${f.severity}`)).toEqual(['missing-glyph error'])
  })

  it('reports a broken font as a font error and makes no PDF', async () => {
    const broken = path.join(work, 'broken.ttf')
    writeFileSync(broken, 'not a font at all, just text')
    const brokenConfig: Config = {...config, fonts: {...config.fonts, km: {...config.fonts.km, regular: [broken, ...config.fonts.km.regular]}}}
    const context: RenderContext = {config: brokenConfig, root: repoRoot, now: new Date('2026-03-01T00:00:00Z'), generator: 'pressroom test'}
    const renderer = createPdfRenderer()
    await renderer.prepare!(context)
    const release = parse(seedSource)
    const out = await renderer.renderRelease({release, identity: releaseIdentity(release, config)!, source: seedSource, published: true, messages: [], files: []}, context)
    expect(out.files).toEqual([])
    expect(out.findings).toEqual([
      expect.objectContaining({ruleId: 'font', severity: 'error', place: release.sections.km!.headingPosition})
    ])
    expect(out.findings[0]!.reason).toContain('not a TrueType or OpenType font')
  })
})

/**
 * Per structure element (P, H2, ...) in document order, the baselines of
 * its lines on each page, read from the PDF: its marked-content sequences
 * (MCIDs, from the structure tree) and the text matrices inside them.
 */
function linesByElement(facts: PdfFacts): Array<{tag: string; pages: Map<number, Set<string>>}> {
  const pageIndex = new Map<string, number>()
  for (const m of facts.qdf.matchAll(/%% Page (\d+)\n%% Original object ID: [^\n]*\n(\d+) 0 obj/g)) pageIndex.set(m[2]!, Number(m[1]) - 1)
  // (page, MCID) -> baselines
  const baselines = new Map<string, Set<string>>()
  for (const [page, content] of facts.pages.entries()) {
    const stack: Array<number | null> = []
    for (const m of content.matchAll(/\/MCID (\d+)\s*>> BDC|BDC|EMC|1 0 0 1 \S+ (\S+) Tm/g)) {
      if (m[0].endsWith('BDC')) stack.push(m[1] === undefined ? null : Number(m[1]))
      else if (m[0] === 'EMC') stack.pop()
      else {
        const mcid = stack.find((entry) => entry !== null)
        if (mcid === undefined || mcid === null) continue
        const key = `${page}:${mcid}`
        if (!baselines.has(key)) baselines.set(key, new Set())
        baselines.get(key)!.add(m[2]!)
      }
    }
  }
  const elements: Array<{tag: string; pages: Map<number, Set<string>>}> = []
  for (const m of facts.qdf.matchAll(/\n\d+ 0 obj\n<<\n {2}\/K \[([\s\S]*?)\n {2}\]\n(?: {2}[^\n]*\n)*? {2}\/Pg (\d+) 0 R\n {2}\/S \/(\w+)\n>>/g)) {
    const [, kids, defaultPage, tag] = m as unknown as [string, string, string, string]
    const pages = new Map<number, Set<string>>()
    const add = (page: number, mcid: number) => {
      for (const y of baselines.get(`${page}:${mcid}`) ?? []) {
        if (!pages.has(page)) pages.set(page, new Set())
        pages.get(page)!.add(y)
      }
    }
    for (const dict of kids.matchAll(/<<([\s\S]*?)>>/g)) {
      const mcid = /\/MCID (\d+)/.exec(dict[1]!)
      const pg = /\/Pg (\d+) 0 R/.exec(dict[1]!)
      if (mcid && pg) add(pageIndex.get(pg[1]!)!, Number(mcid[1]))
    }
    const plain = kids.replace(/<<[\s\S]*?>>/g, ' ').replace(/\d+ 0 R/g, ' ')
    for (const n of plain.match(/\d+/g) ?? []) add(pageIndex.get(defaultPage)!, Number(n))
    if (pages.size > 0) elements.push({tag, pages})
  }
  return elements
}

describe('long releases as pages', () => {
  // Paragraphs of many lengths, from one sentence to a dozen, with subheads
  // and lists, so that page breaks fall everywhere in and between them.
  const khmerSentences = (seedSource.split('# ខ្មែរ\n')[1] ?? '').split('\n').filter((line) => /^[^#-]/.test(line)).join(' ').split(/(?<=។)\s*/).filter(Boolean)
  const englishSentences = (seedSource.split('# ខ្មែរ\n')[0] ?? '').split('\n').filter((line) => /^[A-Z‘]/.test(line)).join(' ').split(/(?<=\.)\s+/).filter(Boolean)
  const lengths = [1, 5, 2, 9, 3, 1, 7, 4, 12, 2, 6, 1, 3, 8, 2, 5, 10, 1, 4, 6]
  const body = (sentences: readonly string[], shift: number, heading: string) => {
    const blocks: string[] = []
    let at = shift
    for (let i = 0; i < 26; i++) {
      if (i % 6 === 2) blocks.push(`### ${heading} ${i}`)
      const count = lengths[(i + shift) % lengths.length]!
      const text = Array.from({length: count}, () => sentences[at++ % sentences.length]!).join(' ')
      blocks.push(i % 9 === 4 ? `- ${text}\n- ${sentences[at++ % sentences.length]!}` : text)
    }
    return blocks.join('\n\n')
  }
  const release = (shift: number) =>
    `---\nref: No. 10 PR-26/EoJ\ndate: 2026-02-18\n---\n# English\n\n## Japan Provides US$1,000,000 for Returning Migrant Workers\n\n${body(englishSentences, shift, 'Part')}\n\n# ខ្មែរ\n\n## ជប៉ុនផ្តល់ថវិកាចំនួន ១,០០០,០០០ ដុល្លារអាមេរិក\n\n${body(khmerSentences, shift, 'ផ្នែក')}\n`

  it.each([0, 3, 7])('leaves no line of a paragraph alone at the top or foot of a page, and keeps headings with what follows (variant %d)', (shift) => {
    const source = release(shift)
    const result = render(source)
    expect(result.findings).toEqual([])
    const file = save(result.bytes!, `pages-${shift}.pdf`)
    const facts = readPdf(file)
    const elements = linesByElement(facts)
    const text = pdftotext(file).split('\f')
    // Four pages or more in each language.
    expect(facts.pages.length).toBeGreaterThanOrEqual(8)
    let split = 0
    for (const [index, element] of elements.entries()) {
      const pages = [...element.pages.keys()].sort((a, b) => a - b)
      if (pages.length > 1) {
        split++
        // The first page keeps two lines or more (no orphan), and so does the last (no widow).
        expect(element.pages.get(pages[0]!)!.size).toBeGreaterThanOrEqual(2)
        expect(element.pages.get(pages.at(-1)!)!.size).toBeGreaterThanOrEqual(2)
      }
      if (element.tag === 'H2') {
        // The heading is not the last thing on its page: the next paragraph starts there with two lines (or all of them).
        const next = elements.slice(index + 1).find((candidate) => candidate.tag === 'P')!
        const page = pages[0]!
        const total = [...next.pages.values()].reduce((sum, lines) => sum + lines.size, 0)
        expect(next.pages.get(page)?.size ?? 0).toBeGreaterThanOrEqual(Math.min(2, total))
      }
    }
    // Page breaks did fall inside paragraphs.
    expect(split).toBeGreaterThan(2)
    // Continuation pages carry the running header, in each part's language and digits.
    const headers = text.filter((page) => /Embassy of Japan in Cambodia · No\. 10 PR-26\/EoJ/.test(page))
    expect(headers.length).toBeGreaterThanOrEqual(3)
    for (const page of headers) expect(page).toMatch(/Page (\d+) of (\d+)/)
    const khmerHeaders = text.filter((page) => page.includes('ទំព័រ'))
    expect(khmerHeaders.length).toBeGreaterThanOrEqual(3)
    for (const page of khmerHeaders) expect(page).toMatch(/ស្ថានទូតជប៉ុនប្រចាំកម្ពុជា · No\. 10 PR-26\/EoJ[\s\S]*ទំព័រ [០-៩]+ នៃ [០-៩]+/)
  })
})
