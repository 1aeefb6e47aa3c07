/**
 * Page layout of a release, as plain data: which lines of which paragraph
 * go where on which page. Text is set by the text engine (itemize, shape,
 * break); this module only stacks paragraphs, flows lines over pages and
 * remembers where every character came from, so that a glyph no font has
 * or a line that cannot fit is reported at its place in the source.
 *
 * Each language part (English, then Khmer) starts on a new page with the
 * letterhead, then the headline, the body and the contact block.
 */
import type {Config, FontRole} from '../../config/model.js'
import {formatEnglishDate, formatKhmerDate} from '../../facts/render.js'
import {toKhmerDigits} from '../../facts/numerals.js'
import {safeSchemes, schemeOf} from '../../release/links.js'
import type {Block, Inline, Lang, Point, Position, Release, Section, TextNode} from '../../release/model.js'
import {sourcePoint} from '../../release/text.js'
import {breakOpportunities, itemize, linebreak, shape, type Line, type LoadedFont, type TextRun} from '../../text/index.js'
import type {PdfTemplate, Rgb, StyleName, TextStyle} from './template.js'

/** Per language and role, a font fallback chain (first font that covers a character wins). */
export type FontChains = Record<Lang, Record<FontRole, LoadedFont[]>>

/** A node of the document's structure tree (PDF tags: Sect, H1, P, L, LI, Lbl, LBody...). */
export interface StructNode {
  tag: string
  lang?: Lang
  parent: StructNode | null
}

/** Where a stretch of a paragraph's text comes from. */
interface Origin {
  start: number
  end: number
  node?: TextNode
  /** When there is no text node: the place of the value (a frontmatter field), or null (pressroom.yaml). */
  place?: Point | Position | null
  /** Names a value from the config, for messages. */
  what?: string
}

/** A stretch of text set in one font role, maybe a link. */
export interface InlineSpan {
  start: number
  end: number
  role: FontRole
  link: string | null
}

export interface Paragraph {
  text: string
  lang: Lang
  style: TextStyle
  spans: InlineSpan[]
  origins: Origin[]
  /** Null: an artifact (page numbers), outside the structure tree. */
  struct: StructNode | null
  /** Left edge of the column, from the page's left edge. */
  leftPt: number
  widthPt: number
  keepWithNext: boolean
  keepTogether: boolean
  /** The list marker, set beside the first line. */
  marker?: Paragraph
  /** Paragraphs, this one first, that go on one page (the contact block). */
  keepGroup?: Paragraph[]
  lines: Line[]
  lineHeightPt: number
}

export interface PlacedLine {
  line: Line
  /** Where the line starts, from the page's left edge. */
  xPt: number
  /** Baseline, PDF coordinates (from the bottom edge). */
  baselinePt: number
}

export interface TextItem {
  kind: 'text'
  paragraph: Paragraph
  lines: PlacedLine[]
  /** The paragraph ends in this item (its structure element is complete). */
  last: boolean
}

export interface RuleItem {
  kind: 'rule'
  x1Pt: number
  x2Pt: number
  /** PDF coordinates. */
  yPt: number
  thicknessPt: number
  colour: Rgb
}

export interface PageLayout {
  lang: Lang
  items: Array<TextItem | RuleItem>
  /** The page number line, an artifact. */
  footer: TextItem | null
}

export interface LayoutProblem {
  ruleId: 'missing-glyph' | 'text-overflow'
  reason: string
  place: Point | Position | null
  actual?: string
}

export interface ReleaseLayout {
  pages: PageLayout[]
  problems: LayoutProblem[]
}

export interface LayoutInput {
  release: Release
  config: Config
  template: PdfTemplate
  fonts: FontChains
  /** The release's source text, for exact line:column of problems; without it, the start of the text node. */
  source?: string
}

type Flow = Array<Paragraph | RuleFlow | {kind: 'part'; lang: Lang}>

interface RuleFlow {
  kind: 'rule'
  thicknessPt: number
  colour: Rgb
  spaceBeforePt: number
  spaceAfterPt: number
}

/** Lay out every page of a release; problems (missing glyphs, overflowing lines) come back with their places. */
export function layoutRelease(input: LayoutInput): ReleaseLayout {
  const {release, template} = input
  const problems: LayoutProblem[] = []
  const flow: Flow = []
  const root: StructNode = {tag: 'Document', parent: null}
  for (const lang of ['en', 'km'] as const) {
    const section = release.sections[lang]
    if (!section) continue
    flow.push({kind: 'part', lang})
    buildPart(flow, section, input, {tag: 'Sect', lang, parent: root})
  }
  for (const item of flow) if ('text' in item) setParagraph(item, input.fonts, problems, input.source)
  const pages = paginate(flow, template)
  for (const [index, page] of pages.entries()) page.footer = footer(page, index, pages.length, input, problems)
  return {pages, problems}
}

// ---------------------------------------------------------------------------
// Building the flow: paragraphs from the model and the config.

function buildPart(flow: Flow, section: Section, input: LayoutInput, sect: StructNode): void {
  const {config, template, release} = input
  const lang = section.lang
  const styles = template.styles[lang]
  const page = template.page
  const leftPt = page.margins.leftPt
  const widthPt = page.widthPt - page.margins.leftPt - page.margins.rightPt
  const paragraph = (style: StyleName, struct: StructNode | null, content: TextContent, extra: Partial<Paragraph> = {}): Paragraph => ({
    ...content,
    lang,
    style: styles[style],
    struct,
    leftPt,
    widthPt,
    keepWithNext: false,
    keepTogether: false,
    lines: [],
    lineHeightPt: styles[style].sizePt * styles[style].leading,
    ...extra
  })

  for (const item of template.letterhead) {
    switch (item) {
      case 'rule':
        flow.push({kind: 'rule', ...template.rule})
        break
      case 'organisation':
      case 'title': {
        const text = upper(config[item === 'organisation' ? 'organisation' : 'title'][lang], styles[item])
        flow.push(paragraph(item, {tag: 'P', parent: sect}, plain(text, styles[item].face, {place: null, what: `\`${item}.${lang}\` in pressroom.yaml`}), {keepWithNext: true}))
        break
      }
      case 'reference': {
        const ref = release.frontmatter.ref
        if (ref === null) break
        const field = release.frontmatter.fields.ref
        flow.push(paragraph(item, {tag: 'P', parent: sect}, plain(ref, styles.reference.face, {place: field?.position ?? null}), {keepWithNext: true}))
        break
      }
      case 'date': {
        const date = release.frontmatter.date
        if (date === null) break
        const text = lang === 'km' ? formatKhmerDate(date, config.khmerDigits) : formatEnglishDate(date)
        const field = release.frontmatter.fields.date
        flow.push(paragraph(item, {tag: 'P', parent: sect}, plain(text, styles.date.face, {place: field?.position ?? null}), {keepWithNext: true}))
        break
      }
    }
  }

  if (section.headline) {
    const content = inlineContent(section.headline.children, styles.headline.face)
    flow.push(paragraph('headline', {tag: 'H1', parent: sect}, content, {keepWithNext: true}))
  }

  const addBlocks = (blocks: readonly Block[], parent: StructNode, left: number, width: number, quoted: boolean, markerFor?: Paragraph) => {
    let pendingMarker = markerFor
    const add = (p: Paragraph) => {
      if (pendingMarker) {
        p.marker = pendingMarker
        pendingMarker = undefined
      }
      flow.push(p)
    }
    for (const block of blocks) {
      switch (block.type) {
        case 'paragraph':
        case 'heading': {
          const style: StyleName = block.type === 'heading' ? 'subhead' : quoted ? 'quote' : 'body'
          const content = inlineContent(block.children, styles[style].face)
          if (content.text === '') break
          add(paragraph(style, {tag: block.type === 'heading' ? 'H2' : 'P', parent}, content, {leftPt: left, widthPt: width, keepWithNext: block.type === 'heading'}))
          break
        }
        case 'quote': {
          const indent = template.quote.indentPt
          const before = flow.length
          addBlocks(block.children, {tag: 'BlockQuote', parent}, left + indent, width - 2 * indent, true, pendingMarker)
          if (flow.length > before) pendingMarker = undefined
          break
        }
        case 'list': {
          const list: StructNode = {tag: 'L', parent}
          const indent = template.list.indentPt
          for (const [index, entry] of block.items.entries()) {
            const li: StructNode = {tag: 'LI', parent: list}
            const number = (block.start ?? 1) + index
            const label = block.ordered ? `${lang === 'km' && config.khmerDigits !== 'latin' ? toKhmerDigits(String(number)) : number}.` : template.list.bullet
            const markerStyle: StyleName = quoted ? 'quote' : 'body'
            const marker = paragraph(markerStyle, {tag: 'Lbl', parent: li}, plain(label, styles[markerStyle].face, {place: entry.position.start}), {
              leftPt: left,
              widthPt: Math.max(1, indent - template.list.gapPt),
              style: {...styles[markerStyle], align: 'right'}
            })
            addBlocks(entry.children, {tag: 'LBody', parent: li}, left + indent, width - indent, quoted, marker)
          }
          break
        }
      }
    }
    // An item without text still shows its marker.
    if (pendingMarker) flow.push(pendingMarker)
  }
  addBlocks(section.blocks, sect, leftPt, widthPt, false)

  const contact = config.contact
  const labels = template.contact[lang]
  const div: StructNode = {tag: 'Div', parent: sect}
  const name = contact.name?.[lang] ?? config.organisation[lang]
  const contactParagraphs: Paragraph[] = [
    paragraph('contactName', {tag: 'P', parent: div}, plain(name, styles.contactName.face, {place: null, what: 'the contact name in pressroom.yaml'}))
  ]
  const line = (label: string, value: string | null, key: string, link: string | null) => {
    if (value === null) return
    const content = plain(`${label} ${value}`, styles.contact.face, {place: null, what: `\`contact.${key}\` in pressroom.yaml`})
    content.spans = [
      {start: 0, end: label.length + 1, role: styles.contact.face, link: null},
      {start: label.length + 1, end: label.length + 1 + value.length, role: styles.contact.face, link}
    ]
    contactParagraphs.push(paragraph('contact', {tag: 'P', parent: div}, content))
  }
  line(labels.tel, contact.tel, 'tel', null)
  line(labels.email, contact.email, 'email', contact.email ? `mailto:${contact.email}` : null)
  line(labels.website, contact.website, 'website', contact.website && /^https?:\/\//i.test(contact.website) ? contact.website : null)
  contactParagraphs[0]!.keepGroup = contactParagraphs
  for (const p of contactParagraphs) flow.push(p)
}

/** Upper case for a letterhead line when its style asks (Khmer has no case). */
function upper(text: string, style: TextStyle): string {
  return style.uppercase ? text.toLocaleUpperCase('en') : text
}

interface TextContent {
  text: string
  spans: InlineSpan[]
  origins: Origin[]
}

function plain(text: string, role: FontRole, origin: Omit<Origin, 'start' | 'end'>): TextContent {
  return {text, spans: [{start: 0, end: text.length, role, link: null}], origins: [{start: 0, end: text.length, ...origin}]}
}

/** Inline content as one string, with the font role, link and source node of each stretch. */
function inlineContent(inlines: readonly Inline[], base: FontRole): TextContent {
  const content: TextContent = {text: '', spans: [], origins: []}
  const walk = (nodes: readonly Inline[], role: FontRole, link: string | null) => {
    for (const node of nodes) {
      switch (node.type) {
        case 'text': {
          const start = content.text.length
          content.text += node.value
          content.spans.push({start, end: content.text.length, role, link})
          content.origins.push({start, end: content.text.length, node})
          break
        }
        case 'break': {
          const start = content.text.length
          content.text += '\n'
          content.spans.push({start, end: start + 1, role, link: null})
          content.origins.push({start, end: start + 1, place: node.position.start})
          break
        }
        case 'emphasis':
          walk(node.children, withItalic(role), link)
          break
        case 'strong':
          walk(node.children, withBold(role), link)
          break
        case 'link': {
          const scheme = schemeOf(node.url)
          const safe = scheme !== null && (safeSchemes as readonly string[]).includes(scheme)
          walk(node.children, role, safe ? node.url : null)
          break
        }
      }
    }
  }
  walk(inlines, base, null)
  return content
}

function withItalic(role: FontRole): FontRole {
  return role === 'bold' || role === 'boldItalic' ? 'boldItalic' : 'italic'
}

function withBold(role: FontRole): FontRole {
  return role === 'italic' || role === 'boldItalic' ? 'boldItalic' : 'bold'
}

// ---------------------------------------------------------------------------
// Setting a paragraph's lines with the text engine.

function setParagraph(p: Paragraph, fonts: FontChains, problems: LayoutProblem[], source: string | undefined): void {
  if (p.marker) setParagraph(p.marker, fonts, problems, source)
  if (p.text === '') return
  const roles = [...new Set(p.spans.map((span) => span.role))]
  const runs: TextRun[] = []
  for (const role of roles) {
    const chain = fonts[p.lang][role]
    const {runs: roleRuns, diagnostics} = itemize(p.text, chain, {language: p.lang})
    const spans = p.spans.filter((span) => span.role === role)
    const inRole = (offset: number) => spans.some((span) => offset >= span.start && offset < span.end)
    for (const run of roleRuns) {
      for (const span of spans) {
        const startUtf16 = Math.max(run.startUtf16, span.start)
        const endUtf16 = Math.min(run.endUtf16, span.end)
        if (startUtf16 < endUtf16) runs.push({...run, startUtf16, endUtf16})
      }
    }
    for (const diagnostic of diagnostics) {
      if (inRole(diagnostic.offsetUtf16)) {
        problems.push({
          ruleId: 'missing-glyph',
          reason: `${diagnostic.message}${describeOrigin(p, diagnostic.offsetUtf16)}`,
          place: placeOf(p, diagnostic.offsetUtf16, source),
          actual: String.fromCodePoint(diagnostic.codePoint)
        })
      }
    }
  }
  runs.sort((a, b) => a.startUtf16 - b.startUtf16)
  const glyphRuns = runs.map((run) => shape(p.text, run))
  const justify = p.style.align === 'justify'
  // Justified Khmer stretches word boundaries: a line ending at a phrase
  // space must be nearly full, or its few boundaries would gape.
  const {lines} = linebreak(p.text, glyphRuns, {widthPt: p.widthPt, fontSizePt: p.style.sizePt, minSpaceFill: justify && p.lang === 'km' ? 0.9 : undefined})
  if (justify) justifyLines(p, lines)
  p.lines = lines
  for (const line of lines) {
    if (!line.overflow) continue
    const stretch = p.text.slice(line.startUtf16, line.visibleEndUtf16)
    problems.push({
      ruleId: 'text-overflow',
      reason: `\`${ellipsis(stretch)}\` is ${line.widthPt.toFixed(1)} pt wide and cannot be broken, but the column is ${p.widthPt.toFixed(1)} pt; add a space or shorten it${describeOrigin(p, line.startUtf16)}`,
      place: placeOf(p, line.startUtf16, source),
      actual: stretch
    })
  }
}

/**
 * Stretch every line but the last (and lines ended by a hard break) to the
 * measure. English stretches its spaces. Khmer spaces end phrases and a
 * widened word boundary reads as one, so Khmer spreads the slack over every
 * cluster boundary (as "distributed" alignment does for Thai and Khmer),
 * giving a space three shares: a few tenths of a point each, unseen.
 */
function justifyLines(p: Paragraph, lines: Line[]): void {
  const opportunities = breakOpportunities(p.text)
  for (const [index, line] of lines.entries()) {
    if (index === lines.length - 1 || line.hardBreak || line.overflow) continue
    const slackPt = p.widthPt - line.widthPt
    if (slackPt <= 1e-6) continue
    const inner = (offset: number) => offset > line.startUtf16 && offset < line.visibleEndUtf16
    const spaces = opportunities.filter((o) => o.kind === 'space' && inner(o.offsetUtf16)).map((o) => o.offsetUtf16)
    let points: Array<{offset: number; weight: number}>
    if (p.lang === 'km') {
      const starts = new Set<number>()
      for (const run of line.runs) for (const glyph of run.glyphs) if (inner(glyph.clusterUtf16)) starts.add(glyph.clusterUtf16)
      for (const offset of spaces) starts.add(offset)
      points = [...starts].sort((a, b) => a - b).map((offset) => ({offset, weight: spaces.includes(offset) ? 3 : 1}))
    } else {
      points = spaces.map((offset) => ({offset, weight: 1}))
    }
    const total = points.reduce((sum, point) => sum + point.weight, 0)
    if (total === 0) continue
    const unitPt = slackPt / total
    const shiftAt = (offset: number) => {
      let weight = 0
      for (const point of points) if (point.offset <= offset) weight += point.weight
      return weight * unitPt
    }
    for (const run of line.runs) {
      const startShift = shiftAt(run.startUtf16)
      let endShift = startShift
      for (const glyph of run.glyphs) {
        endShift = shiftAt(glyph.clusterUtf16)
        glyph.xPt += endShift
      }
      run.xPt += startShift
      run.advancePt += endShift - startShift
    }
    line.widthPt = p.widthPt
    line.justified = true
  }
}

function ellipsis(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text
}

function originAt(p: Paragraph, offset: number): Origin | undefined {
  return p.origins.find((origin) => offset >= origin.start && offset < origin.end) ?? p.origins.at(-1)
}

function describeOrigin(p: Paragraph, offset: number): string {
  const what = originAt(p, offset)?.what
  return what ? ` (in ${what})` : ''
}

/** The source place of a paragraph offset: exact with the source, else the start of its text node. */
function placeOf(p: Paragraph, offset: number, source: string | undefined): Point | Position | null {
  const origin = originAt(p, offset)
  if (!origin) return null
  if (origin.node) {
    if (source !== undefined) return sourcePoint(source, origin.node, offset - origin.start)
    const start = origin.node.position.start
    // Without the source, count along the node's first line (exact unless escapes come before).
    const index = offset - origin.start
    return origin.node.value.slice(0, index).includes('\n') ? start : {line: start.line, column: start.column + index, offset: start.offset + index}
  }
  return origin.place ?? null
}

// ---------------------------------------------------------------------------
// Pages.

function paginate(flow: Flow, template: PdfTemplate): PageLayout[] {
  const {page} = template
  const bodyTopPt = page.margins.topPt
  const bodyBottomPt = page.heightPt - page.margins.bottomPt
  const pages: PageLayout[] = []
  let current = null as PageLayout | null
  let yPt = bodyTopPt // from the top edge
  let pendingSpacePt = 0

  const newPage = (lang: Lang) => {
    current = {lang, items: [], footer: null}
    pages.push(current)
    yPt = bodyTopPt
    pendingSpacePt = 0
  }
  const empty = () => current === null || current.items.length === 0
  const spaceBefore = (beforePt: number) => (empty() ? 0 : Math.max(pendingSpacePt, beforePt))

  for (const [index, item] of flow.entries()) {
    if ('kind' in item && item.kind === 'part') {
      newPage(item.lang)
      continue
    }
    if (!current) throw new Error('paginate: content before the first part')
    if ('kind' in item && item.kind === 'rule') {
      const space = spaceBefore(item.spaceBeforePt)
      const y = yPt + space + item.thicknessPt / 2
      ;current.items.push({
        kind: 'rule',
        x1Pt: page.margins.leftPt,
        x2Pt: page.widthPt - page.margins.rightPt,
        yPt: page.heightPt - y,
        thicknessPt: item.thicknessPt,
        colour: item.colour
      })
      yPt += space + item.thicknessPt
      pendingSpacePt = item.spaceAfterPt
      continue
    }
    const p = item as Paragraph
    if (p.lines.length === 0) continue
    const lineHeight = p.lineHeightPt
    const count = p.lines.length
    // Room wanted before starting: all of it when kept together, else two
    // lines (no orphan), plus the start of what follows when kept with it.
    let needPt = (p.keepTogether ? count : Math.min(count, 2)) * lineHeight
    if (p.keepGroup) {
      needPt = p.keepGroup.reduce((sum, member, k) => sum + member.lines.length * member.lineHeightPt + (k > 0 ? member.style.spaceBeforePt : 0), 0)
    } else if (p.keepWithNext) {
      needPt = count * lineHeight
      const next = nextParagraph(flow, index)
      if (next) needPt += Math.max(pendingSpacePt, next.style.spaceBeforePt, p.style.spaceAfterPt) + Math.min(next.lines.length, 2) * next.lineHeightPt
    }
    let space = spaceBefore(p.style.spaceBeforePt)
    if (!empty() && yPt + space + needPt > bodyBottomPt + 1e-6) {
      newPage(current.lang)
      space = 0
    }
    let fragment: TextItem | null = null
    for (const [lineIndex, line] of p.lines.entries()) {
      if (!empty() && yPt + space + lineHeight > bodyBottomPt + 1e-6) {
        newPage(current.lang)
        space = 0
        fragment = null
      }
      if (!fragment) {
        if (lineIndex === 0 && p.marker && p.marker.lines.length > 0) {
          const markerBaseline = baselineFromTop(yPt + space, p)
          const markerLine = p.marker.lines[0]!
          ;current.items.push({
            kind: 'text',
            paragraph: p.marker,
            lines: [{line: markerLine, xPt: p.marker.leftPt + alignOffset(p.marker, markerLine), baselinePt: page.heightPt - markerBaseline}],
            last: true
          })
        }
        fragment = {kind: 'text', paragraph: p, lines: [], last: false}
        ;current.items.push(fragment)
      }
      const baseline = baselineFromTop(yPt + space, p)
      fragment.lines.push({line, xPt: p.leftPt + alignOffset(p, line), baselinePt: page.heightPt - baseline})
      yPt += space + lineHeight
      space = 0
    }
    fragment!.last = true
    pendingSpacePt = p.style.spaceAfterPt
  }
  return pages
}

function nextParagraph(flow: Flow, index: number): Paragraph | null {
  for (let i = index + 1; i < flow.length; i++) {
    const item = flow[i]!
    if ('kind' in item) return null
    if (item.lines.length > 0) return item
  }
  return null
}

/** The em box centred in the line box: baseline 0.8 em below the em box's top. */
function baselineFromTop(lineTopPt: number, p: Paragraph): number {
  const size = p.style.sizePt
  return lineTopPt + (p.lineHeightPt - size) / 2 + 0.8 * size
}

function alignOffset(p: Paragraph, line: Line): number {
  switch (p.style.align) {
    case 'center':
      return (p.widthPt - line.widthPt) / 2
    case 'right':
      return p.widthPt - line.widthPt
    default:
      return 0
  }
}

function footer(page: PageLayout, index: number, total: number, input: LayoutInput, problems: LayoutProblem[]): TextItem | null {
  const {template, config} = input
  const format = template.pageNumber[page.lang]
  if (format.trim() === '') return null
  const digits = (n: number) => (page.lang === 'km' && config.khmerDigits !== 'latin' ? toKhmerDigits(String(n)) : String(n))
  const text = format.replaceAll('{page}', digits(index + 1)).replaceAll('{pages}', digits(total))
  const style = template.styles[page.lang].pageNumber
  const p: Paragraph = {
    text,
    lang: page.lang,
    style,
    spans: [{start: 0, end: text.length, role: style.face, link: null}],
    origins: [{start: 0, end: text.length, place: null, what: `\`pageNumber.${page.lang}\` in ${template.path}`}],
    struct: null,
    leftPt: template.page.margins.leftPt,
    widthPt: template.page.widthPt - template.page.margins.leftPt - template.page.margins.rightPt,
    keepWithNext: false,
    keepTogether: false,
    lines: [],
    lineHeightPt: style.sizePt * style.leading
  }
  setParagraph(p, input.fonts, problems, undefined)
  return {
    kind: 'text',
    paragraph: p,
    lines: p.lines.slice(0, 1).map((line) => ({line, xPt: p.leftPt + alignOffset(p, line), baselinePt: template.page.footerPt})),
    last: true
  }
}
