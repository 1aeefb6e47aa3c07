/**
 * What every page carries outside the flow: the page number, an artifact
 * (outside the structure tree), in the part's language and digits.
 */
import {toKhmerDigits} from '../../../facts/numerals.js'
import type {LayoutInput, LayoutProblem, PageLayout, Paragraph, TextItem} from './model.js'
import {alignOffset} from './paginate.js'
import {setParagraph} from './set.js'

export function footer(page: PageLayout, index: number, total: number, input: LayoutInput, problems: LayoutProblem[]): TextItem | null {
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
