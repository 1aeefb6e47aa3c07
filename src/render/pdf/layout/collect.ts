/**
 * Collect: the release model and the config become the flow of a release,
 * paragraphs (text, font role and link of each stretch, and where each
 * stretch came from), rules and the start of each language part. Each part
 * has the letterhead, then the headline, the body and the contact block.
 */
import {formatEnglishDate, formatKhmerDate} from '../../../facts/render.js'
import {toKhmerDigits} from '../../../facts/numerals.js'
import type {FontRole} from '../../../config/model.js'
import {safeSchemes, schemeOf} from '../../../release/links.js'
import type {Block, Inline, Section} from '../../../release/model.js'
import type {StyleName, TextStyle} from '../template.js'
import type {Flow, LayoutInput, Origin, Paragraph, StructNode, InlineSpan} from './model.js'

/** The flow of a release: English, then Khmer, each part opened by `{kind: 'part'}`. */
export function collectFlow(input: LayoutInput): Flow {
  const flow: Flow = []
  const root: StructNode = {tag: 'Document', parent: null}
  for (const lang of ['en', 'km'] as const) {
    const section = input.release.sections[lang]
    if (!section) continue
    flow.push({kind: 'part', lang})
    buildPart(flow, section, input, {tag: 'Sect', lang, parent: root})
  }
  return flow
}

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
