/**
 * What pages carry outside the flow, as artifacts (outside the structure
 * tree), in the part's language and digits: the page number at the foot of
 * every page, and on each page after the first of a language part a small
 * running header (organisation and reference on the left, "page n of m" on
 * the right, over a hairline). Pages are numbered within their part, as
 * each part is a release of its own.
 */
import {toKhmerDigits} from '../../../facts/numerals.js'
import type {Lang} from '../../../release/model.js'
import type {TextStyle} from '../template.js'
import type {LayoutInput, LayoutProblem, Origin, PageLayout, Paragraph, RuleItem, TextItem} from './model.js'
import {alignOffset} from './paginate.js'
import {setParagraph} from './set.js'

/** Sets the footer, and the header of continuation pages, of every page. */
export function addFurniture(pages: readonly PageLayout[], input: LayoutInput, problems: LayoutProblem[]): void {
  for (const lang of ['en', 'km'] as const) {
    const part = pages.filter((page) => page.lang === lang)
    for (const [index, page] of part.entries()) {
      page.footer = footer(page, index, part.length, input, problems)
      if (index > 0) page.header = header(page, index, part.length, input, problems)
    }
  }
}

function pageText(format: string, lang: Lang, index: number, total: number, input: LayoutInput): string {
  const digits = (n: number) => (lang === 'km' && input.config.khmerDigits !== 'latin' ? toKhmerDigits(String(n)) : String(n))
  return format.replaceAll('{page}', digits(index + 1)).replaceAll('{pages}', digits(total))
}

function artifact(text: string, lang: Lang, style: TextStyle, origins: Origin[], input: LayoutInput, widthPt: number, problems: LayoutProblem[]): Paragraph {
  const {template} = input
  const p: Paragraph = {
    text,
    lang,
    style,
    spans: [{start: 0, end: text.length, role: style.face, link: null}],
    origins,
    struct: null,
    leftPt: template.page.margins.leftPt,
    widthPt,
    keepWithNext: false,
    keepTogether: false,
    lines: [],
    lineHeightPt: style.sizePt * style.leading
  }
  setParagraph(p, input.fonts, problems, undefined)
  return p
}

function placed(p: Paragraph, baselinePt: number, subtype: 'Header' | 'Footer'): TextItem {
  return {kind: 'text', paragraph: p, lines: p.lines.slice(0, 1).map((line) => ({line, xPt: p.leftPt + alignOffset(p, line), baselinePt})), last: true, artifact: subtype}
}

function footer(page: PageLayout, index: number, total: number, input: LayoutInput, problems: LayoutProblem[]): TextItem | null {
  const {template} = input
  const format = template.pageNumber[page.lang]
  if (format.trim() === '') return null
  const text = pageText(format, page.lang, index, total, input)
  const origins = [{start: 0, end: text.length, place: null, what: `\`pageNumber.${page.lang}\` in ${template.path}`}]
  const widthPt = template.page.widthPt - template.page.margins.leftPt - template.page.margins.rightPt
  return placed(artifact(text, page.lang, template.styles[page.lang].pageNumber, origins, input, widthPt, problems), template.page.footerPt, 'Footer')
}

// From the body's top edge up to the header's baseline, and to the hairline under it.
const HEADER_BASELINE_ABOVE_PT = 18
const HEADER_RULE_ABOVE_PT = 10

function header(page: PageLayout, index: number, total: number, input: LayoutInput, problems: LayoutProblem[]): Array<TextItem | RuleItem> {
  const {template, config, release} = input
  const {margins, widthPt: pageWidthPt, heightPt} = template.page
  const widthPt = pageWidthPt - margins.leftPt - margins.rightPt
  const style = template.styles[page.lang].runningHeader
  const baselinePt = heightPt - (margins.topPt - HEADER_BASELINE_ABOVE_PT)
  const items: Array<TextItem | RuleItem> = []

  const rightText = pageText(template.runningHeader[page.lang], page.lang, index, total, input)
  let rightWidthPt = 0
  if (rightText.trim() !== '') {
    const origins = [{start: 0, end: rightText.length, place: null, what: `\`runningHeader.${page.lang}\` in ${template.path}`}]
    const right = artifact(rightText, page.lang, {...style, align: 'right'}, origins, input, widthPt, problems)
    rightWidthPt = right.lines[0]?.widthPt ?? 0
    items.push(placed(right, baselinePt, 'Header'))
  }

  // The organisation and the reference, or the reference alone when both do not fit beside the page number.
  const organisation = config.organisation[page.lang]
  const ref = release.frontmatter.ref ?? ''
  const refPlace = release.frontmatter.fields.ref?.position ?? null
  const leftWidthPt = Math.max(1, widthPt - rightWidthPt - 2 * style.sizePt)
  for (const withOrganisation of [true, false]) {
    const separator = organisation && ref ? ' · ' : ''
    const text = withOrganisation ? `${organisation}${separator}${ref}` : ref
    if (text === '') break
    const origins: Origin[] = withOrganisation
      ? [
          {start: 0, end: organisation.length + separator.length, place: null, what: `\`organisation.${page.lang}\` in pressroom.yaml`},
          {start: organisation.length + separator.length, end: text.length, place: refPlace}
        ]
      : [{start: 0, end: text.length, place: refPlace}]
    const left = artifact(text, page.lang, {...style, align: 'left'}, origins, input, leftWidthPt, problems)
    if (left.lines.length === 1 || !withOrganisation) {
      items.push(placed(left, baselinePt, 'Header'))
      break
    }
  }
  items.push({kind: 'rule', x1Pt: margins.leftPt, x2Pt: pageWidthPt - margins.rightPt, yPt: heightPt - (margins.topPt - HEADER_RULE_ABOVE_PT), thicknessPt: 0.4, colour: style.colour})
  return items
}
