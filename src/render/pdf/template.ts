/**
 * The PDF layout template (`templates/pdf/letterhead.yaml`): page, letterhead,
 * type styles and spacing, so an office can restyle the PDF without touching
 * code. Read once per build and checked strictly: every problem is reported
 * at its line and column, with a did-you-mean for misspelt keys, and no PDF is
 * made from a template with problems.
 */
import {isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode} from 'yaml'
import {closest} from '../../config/parse.js'
import type {FontRole} from '../../config/model.js'
import type {Lang} from '../../release/model.js'

export type Align = 'left' | 'center' | 'right' | 'justify'

/** An RGB colour, each channel 0–1. */
export type Rgb = readonly [number, number, number]

export interface TextStyle {
  face: FontRole
  sizePt: number
  /** Line height as a multiple of the size. */
  leading: number
  align: Align
  /** Upper-case Latin letters (the English organisation line). */
  uppercase: boolean
  colour: Rgb
  spaceBeforePt: number
  spaceAfterPt: number
}

export const styleNames = [
  'organisation',
  'title',
  'reference',
  'date',
  'headline',
  'subhead',
  'body',
  'quote',
  'contactName',
  'contact',
  'pageNumber',
  'runningHeader'
] as const

export type StyleName = (typeof styleNames)[number]

export const letterheadItems = ['organisation', 'rule', 'title', 'reference', 'date'] as const

export type LetterheadItem = (typeof letterheadItems)[number]

export interface ContactLabels {
  tel: string
  email: string
  website: string
}

export interface PdfTemplate {
  /** Where the template was read from, for messages. */
  path: string
  page: {
    widthPt: number
    heightPt: number
    margins: {topPt: number; rightPt: number; bottomPt: number; leftPt: number}
    /** From the bottom edge to the page number's baseline. */
    footerPt: number
  }
  letterhead: LetterheadItem[]
  rule: {thicknessPt: number; colour: Rgb; spaceBeforePt: number; spaceAfterPt: number}
  /** Styles resolved per language part: default, its language block, the style, its language block. */
  styles: Record<Lang, Record<StyleName, TextStyle>>
  list: {indentPt: number; gapPt: number; bullet: string}
  quote: {indentPt: number}
  links: {colour: Rgb}
  /** `{page}` and `{pages}` are replaced: the page's number in its language part, and the part's pages. */
  pageNumber: Record<Lang, string>
  /** The right-hand side of the running header of a part's continuation pages; `{page}` and `{pages}` as above. */
  runningHeader: Record<Lang, string>
  contact: Record<Lang, ContactLabels>
  fonts: {hinting: boolean}
}

/** One problem in a template, at a 1-based line and column. */
export interface TemplateProblem {
  reason: string
  line: number
  column: number
}

/** Thrown when the template cannot be used; `message` lists every problem as `path:line:column: reason`. */
export class TemplateError extends Error {
  readonly path: string
  readonly problems: TemplateProblem[]

  constructor(path: string, problems: TemplateProblem[]) {
    super(problems.map((problem) => `${path}:${problem.line}:${problem.column}: ${problem.reason}`).join('\n'))
    this.name = 'TemplateError'
    this.path = path
    this.problems = problems
  }
}

// Sizes in points, portrait (ISO 216 and US sizes, as pdfkit has them).
const pageSizes: Record<string, readonly [number, number]> = {
  A3: [841.89, 1190.55],
  A4: [595.28, 841.89],
  A5: [419.53, 595.28],
  B5: [498.9, 708.66],
  LETTER: [612, 792],
  LEGAL: [612, 1008]
}

const defaultRunningHeader: Record<Lang, string> = {en: 'Page {page} of {pages}', km: 'ទំព័រ {page} នៃ {pages}'}

const faces: readonly FontRole[] = ['regular', 'bold', 'italic', 'boldItalic']
const aligns: readonly Align[] = ['left', 'center', 'right', 'justify']
const langs: readonly Lang[] = ['en', 'km']

type Range = readonly number[] | null | undefined

/** Parse and check a template; throws `TemplateError` listing every problem. */
export function parseTemplate(path: string, text: string): PdfTemplate {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), {uniqueKeys: true, prettyErrors: false, lineCounter})
  const problems: TemplateProblem[] = []
  const report = (reason: string, range: Range) => {
    const {line, col} = lineCounter.linePos(range?.[0] ?? 0)
    problems.push({reason, line, column: col})
  }
  for (const error of doc.errors) report(`YAML syntax error: ${(error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`, error.pos)
  if (problems.length > 0) throw new TemplateError(path, problems)
  if (!isMap(doc.contents)) {
    report('The template must be a set of `key: value` lines; start from the one pressroom ships', [0])
    throw new TemplateError(path, problems)
  }
  const reader = new Reader(report)
  const template = reader.template(doc.contents, path)
  if (problems.length > 0 || !template) throw new TemplateError(path, problems)
  return template
}

/** Walks the YAML tree, reporting problems and returning null for values it cannot use. */
class Reader {
  constructor(private readonly report: (reason: string, range: Range) => void) {}

  template(root: YamlNode, path: string): PdfTemplate | null {
    const top = this.object(root, '', {
      page: true,
      letterhead: true,
      rule: true,
      styles: true,
      list: true,
      quote: true,
      links: true,
      pageNumber: true,
      runningHeader: false,
      contact: true,
      fonts: true
    })
    if (!top) return null

    const page = this.object(top.page, 'page', {size: true, margins: true, footer: true})
    const size = page && this.pageSize(page.size)
    const margins = page && this.object(page.margins, 'page.margins', {top: true, right: true, bottom: true, left: true})
    const footerPt = page && this.length(page.footer, 'page.footer')

    const letterhead = this.letterhead(top.letterhead)
    const rule = this.object(top.rule, 'rule', {thickness: true, colour: true, spaceBefore: true, spaceAfter: true})
    const styles = this.styles(top.styles)
    const list = this.object(top.list, 'list', {indent: true, gap: true, bullet: true})
    const quote = this.object(top.quote, 'quote', {indent: true})
    const links = this.object(top.links, 'links', {colour: true})
    const pageNumber = this.perLanguage(top.pageNumber, 'pageNumber', (node, key) => this.text(node, key))
    // Optional, so that a project's copy of an older template still works.
    const runningHeader = top.runningHeader === undefined ? defaultRunningHeader : this.perLanguage(top.runningHeader, 'runningHeader', (node, key) => this.text(node, key))
    const contact = this.perLanguage(top.contact, 'contact', (node, key) => {
      const labels = this.object(node, key, {tel: true, email: true, website: true})
      if (!labels) return null
      const tel = this.text(labels.tel, `${key}.tel`)
      const email = this.text(labels.email, `${key}.email`)
      const website = this.text(labels.website, `${key}.website`)
      return tel !== null && email !== null && website !== null ? {tel, email, website} : null
    })
    const fonts = this.object(top.fonts, 'fonts', {hinting: true})

    const values = {
      margins: margins && {
        topPt: this.length(margins.top, 'page.margins.top'),
        rightPt: this.length(margins.right, 'page.margins.right'),
        bottomPt: this.length(margins.bottom, 'page.margins.bottom'),
        leftPt: this.length(margins.left, 'page.margins.left')
      },
      rule: rule && {
        thicknessPt: this.length(rule.thickness, 'rule.thickness'),
        colour: this.colour(rule.colour, 'rule.colour'),
        spaceBeforePt: this.length(rule.spaceBefore, 'rule.spaceBefore'),
        spaceAfterPt: this.length(rule.spaceAfter, 'rule.spaceAfter')
      },
      list: list && {
        indentPt: this.length(list.indent, 'list.indent'),
        gapPt: this.length(list.gap, 'list.gap'),
        bullet: this.text(list.bullet, 'list.bullet')
      },
      quoteIndentPt: quote && this.length(quote.indent, 'quote.indent'),
      linkColour: links && this.colour(links.colour, 'links.colour'),
      hinting: fonts && this.boolean(fonts.hinting, 'fonts.hinting')
    }
    if (
      !size ||
      footerPt === null ||
      !letterhead ||
      !styles ||
      !pageNumber ||
      !runningHeader ||
      !contact ||
      !values.margins ||
      Object.values(values.margins).some((value) => value === null) ||
      !values.rule ||
      Object.values(values.rule).some((value) => value === null) ||
      !values.list ||
      Object.values(values.list).some((value) => value === null) ||
      values.quoteIndentPt === null ||
      !values.linkColour ||
      values.hinting === null
    ) {
      return null
    }
    const margins_ = values.margins as PdfTemplate['page']['margins']
    if (margins_.leftPt + margins_.rightPt >= size[0] - 72 || margins_.topPt + margins_.bottomPt >= size[1] - 144) {
      this.report('The margins leave too little room on the page; make them smaller', page?.margins?.range)
      return null
    }
    return {
      path,
      page: {widthPt: size[0], heightPt: size[1], margins: margins_, footerPt},
      letterhead,
      rule: values.rule as PdfTemplate['rule'],
      styles,
      list: values.list as PdfTemplate['list'],
      quote: {indentPt: values.quoteIndentPt},
      links: {colour: values.linkColour},
      pageNumber,
      runningHeader,
      contact,
      fonts: {hinting: values.hinting}
    }
  }

  /** A map with known keys; all of them required unless marked false. */
  object(node: YamlNode | undefined, key: string, keys: Record<string, boolean>): Record<string, YamlNode> | null {
    if (node === undefined) return null
    if (!isMap(node)) {
      this.report(`\`${key}\` must be a set of \`key: value\` lines`, node?.range)
      return null
    }
    const known = Object.keys(keys)
    const out: Record<string, YamlNode> = {}
    for (const pair of node.items) {
      const keyNode = pair.key as YamlNode
      const name = isScalar(keyNode) ? String(keyNode.value) : String(keyNode)
      const path = key ? `${key}.${name}` : name
      if (!known.includes(name)) {
        const suggestion = closest(name, known)
        this.report(
          `Unknown key \`${path}\`${suggestion ? `; did you mean \`${key ? `${key}.` : ''}${suggestion}\`?` : `; known keys: ${known.join(', ')}`}`,
          keyNode?.range
        )
        continue
      }
      out[name] = (pair.value ?? keyNode) as YamlNode
    }
    for (const [name, required] of Object.entries(keys)) {
      if (required && !(name in out)) this.report(`\`${key ? `${key}.` : ''}${name}\` is missing; add it`, node.range)
    }
    return out
  }

  pageSize(node: YamlNode | undefined): readonly [number, number] | null {
    if (isScalar(node) && typeof node.value === 'string') {
      const size = pageSizes[node.value.toUpperCase()]
      if (size) return size
      const suggestion = closest(node.value, Object.keys(pageSizes))
      this.report(
        `\`page.size\` is \`${node.value}\`; use ${Object.keys(pageSizes).join(', ')} or [width, height]${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}`,
        node.range
      )
      return null
    }
    if (isSeq(node) && node.items.length === 2) {
      const width = this.length(node.items[0] as YamlNode, 'page.size width')
      const height = this.length(node.items[1] as YamlNode, 'page.size height')
      if (width === null || height === null) return null
      if (width < 144 || height < 216) {
        this.report('`page.size` is too small for a letterhead; use at least 2 by 3 inches', node.range)
        return null
      }
      return [width, height]
    }
    this.report('`page.size` must be a paper name (A4, Letter...) or [width, height]', node?.range)
    return null
  }

  letterhead(node: YamlNode | undefined): LetterheadItem[] | null {
    if (!isSeq(node)) {
      this.report(`\`letterhead\` must be a list of ${letterheadItems.join(', ')}`, node?.range)
      return null
    }
    const items: LetterheadItem[] = []
    for (const item of node.items as YamlNode[]) {
      const name = isScalar(item) ? String(item.value) : ''
      if (!(letterheadItems as readonly string[]).includes(name)) {
        const suggestion = closest(name, letterheadItems)
        this.report(
          `\`letterhead\` has \`${name}\`; use ${letterheadItems.join(', ')}${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}`,
          item?.range
        )
        return null
      }
      if (items.includes(name as LetterheadItem)) {
        this.report(`\`letterhead\` has \`${name}\` twice; keep one`, item.range)
        return null
      }
      items.push(name as LetterheadItem)
    }
    return items
  }

  styles(node: YamlNode | undefined): Record<Lang, Record<StyleName, TextStyle>> | null {
    const keys: Record<string, boolean> = {default: true}
    for (const name of styleNames) keys[name] = false
    const styles = this.object(node, 'styles', keys)
    if (!styles) return null
    const partial: Record<string, {base: Partial<TextStyle>; lang: Record<Lang, Partial<TextStyle>>}> = {}
    let ok = true
    for (const [name, value] of Object.entries(styles)) {
      const style = this.style(value, `styles.${name}`)
      if (style) partial[name] = style
      else ok = false
    }
    if (!ok) return null
    const fallback = partial.default!
    const resolved = {} as Record<Lang, Record<StyleName, TextStyle>>
    for (const lang of langs) {
      resolved[lang] = {} as Record<StyleName, TextStyle>
      for (const name of styleNames) {
        const own = partial[name]
        const merged = {...fallback.base, ...fallback.lang[lang], ...own?.base, ...own?.lang[lang]}
        const missing = styleKeys.filter((key) => merged[key] === undefined)
        if (missing.length > 0) {
          this.report(`\`styles.default\` must set ${missing.map((key) => `\`${styleYamlKey[key]}\``).join(', ')}`, styles.default?.range)
          return null
        }
        resolved[lang][name] = merged as TextStyle
      }
    }
    return resolved
  }

  style(node: YamlNode, key: string): {base: Partial<TextStyle>; lang: Record<Lang, Partial<TextStyle>>} | null {
    const fields = {face: false, size: false, leading: false, align: false, uppercase: false, colour: false, spaceBefore: false, spaceAfter: false}
    const all = this.object(node, key, {...fields, en: false, km: false})
    if (!all) return null
    const base = this.styleFields(all, key)
    const en = all.en ? this.object(all.en, `${key}.en`, fields) : {}
    const km = all.km ? this.object(all.km, `${key}.km`, fields) : {}
    const enFields = en && this.styleFields(en, `${key}.en`)
    const kmFields = km && this.styleFields(km, `${key}.km`)
    if (!base || !enFields || !kmFields) return null
    return {base, lang: {en: enFields, km: kmFields}}
  }

  styleFields(fields: Record<string, YamlNode>, key: string): Partial<TextStyle> | null {
    const out: Partial<TextStyle> = {}
    let ok = true
    const set = <K extends keyof TextStyle>(name: K, value: TextStyle[K] | null) => {
      if (value === null) ok = false
      else out[name] = value
    }
    if (fields.face) set('face', this.choice(fields.face, `${key}.face`, faces))
    if (fields.size) set('sizePt', this.positive(this.length(fields.size, `${key}.size`), fields.size, `${key}.size`))
    if (fields.leading) set('leading', this.leading(fields.leading, `${key}.leading`))
    if (fields.align) set('align', this.choice(fields.align, `${key}.align`, aligns))
    if (fields.uppercase) set('uppercase', this.boolean(fields.uppercase, `${key}.uppercase`))
    if (fields.colour) set('colour', this.colour(fields.colour, `${key}.colour`))
    if (fields.spaceBefore) set('spaceBeforePt', this.length(fields.spaceBefore, `${key}.spaceBefore`))
    if (fields.spaceAfter) set('spaceAfterPt', this.length(fields.spaceAfter, `${key}.spaceAfter`))
    return ok ? out : null
  }

  perLanguage<T>(node: YamlNode | undefined, key: string, read: (node: YamlNode, key: string) => T | null): Record<Lang, T> | null {
    const both = this.object(node, key, {en: true, km: true})
    if (!both || !both.en || !both.km) return null
    const en = read(both.en, `${key}.en`)
    const km = read(both.km, `${key}.km`)
    return en !== null && km !== null ? {en, km} : null
  }

  /** A length: a number of points, or a number with pt, mm, cm or in. Never negative. */
  length(node: YamlNode | undefined, key: string): number | null {
    if (isScalar(node)) {
      if (typeof node.value === 'number' && Number.isFinite(node.value) && node.value >= 0) return node.value
      const match = typeof node.value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*(pt|mm|cm|in)?\s*$/.exec(node.value) : null
      if (match) return Number(match[1]) * unitPt[match[2] ?? 'pt']!
    }
    this.report(`\`${key}\` must be a length: a number of points, or a number with pt, mm, cm or in (e.g. \`20mm\`)`, node?.range)
    return null
  }

  positive(value: number | null, node: YamlNode, key: string): number | null {
    if (value === null) return null
    if (value > 0 && value <= 200) return value
    this.report(`\`${key}\` must be more than 0 and at most 200 points`, node.range)
    return null
  }

  leading(node: YamlNode, key: string): number | null {
    if (isScalar(node) && typeof node.value === 'number' && node.value >= 0.8 && node.value <= 4) return node.value
    this.report(`\`${key}\` must be a number from 0.8 to 4 (the line height as a multiple of the size)`, node.range)
    return null
  }

  colour(node: YamlNode | undefined, key: string): Rgb | null {
    const value = isScalar(node) ? String(node.value) : ''
    const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(value)
    if (match) return [1, 2, 3].map((i) => Number.parseInt(match[i]!, 16) / 255) as unknown as Rgb
    this.report(`\`${key}\` must be a colour written \`'#rrggbb'\` (in quotes: YAML reads # as a comment)`, node?.range)
    return null
  }

  boolean(node: YamlNode | undefined, key: string): boolean | null {
    if (isScalar(node) && typeof node.value === 'boolean') return node.value
    this.report(`\`${key}\` must be true or false`, node?.range)
    return null
  }

  text(node: YamlNode | undefined, key: string): string | null {
    if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')) return String(node.value)
    this.report(`\`${key}\` must be text`, node?.range)
    return null
  }

  choice<T extends string>(node: YamlNode, key: string, values: readonly T[]): T | null {
    const value = isScalar(node) ? String(node.value) : ''
    if ((values as readonly string[]).includes(value)) return value as T
    const suggestion = closest(value, values)
    this.report(
      `\`${key}\` is \`${value}\`; use one of ${values.map((v) => `\`${v}\``).join(', ')}${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}`,
      node.range
    )
    return null
  }
}

const unitPt: Record<string, number> = {pt: 1, mm: 72 / 25.4, cm: 72 / 2.54, in: 72}

const styleKeys: ReadonlyArray<keyof TextStyle> = ['face', 'sizePt', 'leading', 'align', 'uppercase', 'colour', 'spaceBeforePt', 'spaceAfterPt']

const styleYamlKey: Record<keyof TextStyle, string> = {
  face: 'face',
  sizePt: 'size',
  leading: 'leading',
  align: 'align',
  uppercase: 'uppercase',
  colour: 'colour',
  spaceBeforePt: 'spaceBefore',
  spaceAfterPt: 'spaceAfter'
}
