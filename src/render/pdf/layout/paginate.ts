/**
 * Paginating: the flow's set lines go down the pages, each language part
 * from a new page. As in print: no orphan (a paragraph starts on a page
 * only with room for two of its lines, or all of them when kept together
 * or three or fewer), no widow (its last line never goes alone to the next
 * page), and a heading stays with the first two lines after it.
 */
import type {Lang} from '../../../release/model.js'
import type {Line} from '../../../text/index.js'
import type {PdfTemplate} from '../template.js'
import type {Flow, PageLayout, Paragraph, TextItem} from './model.js'

export function paginate(flow: Flow, template: PdfTemplate): PageLayout[] {
  const {page} = template
  const bodyTopPt = page.margins.topPt
  const bodyBottomPt = page.heightPt - page.margins.bottomPt
  const pages: PageLayout[] = []
  let current = null as PageLayout | null
  let yPt = bodyTopPt // from the top edge
  let pendingSpacePt = 0

  const newPage = (lang: Lang) => {
    current = {lang, items: [], footer: null, header: []}
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
    const p = item
    if (p.lines.length === 0) continue
    const lineHeight = p.lineHeightPt
    const count = p.lines.length
    // Room wanted before starting: all of it when kept together, else its
    // first lines (no orphan), plus the start of what follows when kept
    // with it (a heading and the first two lines after it).
    let needPt = (p.keepTogether ? count : openingLines(count)) * lineHeight
    if (p.keepGroup) {
      needPt = p.keepGroup.reduce((sum, member, k) => sum + member.lines.length * member.lineHeightPt + (k > 0 ? member.style.spaceBeforePt : 0), 0)
    } else if (p.keepWithNext) {
      needPt = count * lineHeight
      const next = nextParagraph(flow, index)
      if (next) needPt += Math.max(pendingSpacePt, next.style.spaceBeforePt, p.style.spaceAfterPt) + openingLines(next.lines.length) * next.lineHeightPt
    }
    let space = spaceBefore(p.style.spaceBeforePt)
    if (!empty() && yPt + space + needPt > bodyBottomPt + 1e-6) {
      newPage(current.lang)
      space = 0
    }
    let fragment: TextItem | null = null
    for (const [lineIndex, line] of p.lines.entries()) {
      const fits = (lines: number) => yPt + space + lines * lineHeight <= bodyBottomPt + 1e-6
      // No widow: when the last line would be left alone for the next page,
      // the line before it goes over too (this page keeps two or more).
      const widow = lineIndex === count - 2 && fragment !== null && fragment.lines.length >= 2 && fits(1) && !fits(2)
      if (!empty() && (!fits(1) || widow)) {
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

/**
 * The lines a paragraph must start a page's column with: two, so that its
 * first line is never alone at the foot of a page, and all of a paragraph
 * of three or fewer, which cannot be split without leaving one line alone.
 */
function openingLines(count: number): number {
  return count <= 3 ? count : 2
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

export function alignOffset(p: Paragraph, line: Line): number {
  switch (p.style.align) {
    case 'center':
      return (p.widthPt - line.widthPt) / 2
    case 'right':
      return p.widthPt - line.widthPt
    default:
      return 0
  }
}
