/**
 * `renderPdf`: a release in, the bytes of its letterhead PDF out (or the
 * findings that stop it). Pure: fonts, template and source text are given;
 * nothing is read from disk or the clock, so the same input always gives
 * the same bytes.
 *
 * Layout (layout.ts) runs first and reports every missing glyph and every
 * line that cannot fit; only a layout without problems is drawn. Drawing
 * places the text engine's glyphs (content.ts) inside the marked content of
 * the structure tree: Document > Sect (with /Lang) > H1, P, H2, L > LI >
 * Lbl + LBody, BlockQuote, Div, with Link elements owning their
 * annotations. Rules and page numbers are artifacts.
 */
import type {Finding} from '../../check/rule.js'
import type {Config} from '../../config/model.js'
import type {Point, Position, Release} from '../../release/model.js'
import type {LoadedFont} from '../../text/index.js'
import {ContentBuilder, num, type ClusterGlyph} from './content.js'
import {EmbeddedFont} from './fonts.js'
import {layoutRelease, type FontChains, type Paragraph, type PageLayout, type PlacedLine, type StructNode, type TextItem} from './layout/index.js'
import {PdfDocument, type StructElement} from './pdfkit-document.js'
import type {PdfTemplate} from './template.js'

export type PdfRuleId = 'missing-glyph' | 'text-overflow' | 'font'

export type PdfFinding = Finding & {ruleId: PdfRuleId; severity: 'error'}

export interface RenderPdfOptions {
  template: PdfTemplate
  /** The release file's text, for exact line:column in findings; without it, findings point at the start of the text node. */
  source?: string
  /** Named in the PDF's Producer, e.g. `pressroom 0.1.0`. */
  generator?: string
}

export interface PdfResult {
  /** Null when there is an error finding. */
  bytes: Uint8Array | null
  findings: PdfFinding[]
}

/** Lay out and draw the letterhead PDF of a release: A4 (per template), English then Khmer. */
export function renderPdf(release: Release, config: Config, fonts: FontChains, options: RenderPdfOptions): PdfResult {
  const layout = layoutRelease({release, config, template: options.template, fonts, source: options.source})
  const findings: PdfFinding[] = layout.problems.map((problem) => ({
    ruleId: problem.ruleId,
    severity: 'error',
    reason: problem.reason,
    place: problem.place,
    ...(problem.actual !== undefined ? {actual: problem.actual} : {})
  }))
  if (findings.length > 0) return {bytes: null, findings}
  try {
    return {bytes: draw(layout.pages, release, config, options), findings}
  } catch (error) {
    if (!(error instanceof FontEmbedError)) throw error
    findings.push({
      ruleId: 'font',
      severity: 'error',
      reason: `Cannot embed ${error.path} in the PDF (${error.why}); replace the font file or take it out of \`fonts\` in pressroom.yaml`,
      place: error.place
    })
    return {bytes: null, findings}
  }
}

class FontEmbedError extends Error {
  constructor(
    readonly path: string,
    readonly why: string,
    readonly place: Point | Position | null
  ) {
    super(`cannot embed ${path}: ${why}`)
  }
}

function draw(pages: readonly PageLayout[], release: Release, config: Config, options: RenderPdfOptions): Uint8Array {
  const {template} = options
  const headline = release.sections.en?.headline ?? release.sections.km?.headline
  const doc = new PdfDocument({
    widthPt: template.page.widthPt,
    heightPt: template.page.heightPt,
    lang: pages[0]?.lang ?? 'en',
    title: headline?.text ?? release.frontmatter.ref ?? '',
    author: config.organisation.en,
    subject: release.frontmatter.ref ?? '',
    creator: 'pressroom',
    producer: `${options.generator ?? 'pressroom'} (PDFKit)`,
    date: releaseDate(release)
  })
  const fonts = new Map<LoadedFont, EmbeddedFont>()
  const firstUse = new Map<EmbeddedFont, Point | Position | null>()
  const elements = new Map<StructNode, StructElement>()
  const element = (node: StructNode): StructElement => {
    let found = elements.get(node)
    if (!found) {
      const parent = node.parent ? element(node.parent) : doc.root
      found = doc.struct(node.tag, parent, node.lang ? {lang: node.lang} : {})
      elements.set(node, found)
    }
    return found
  }

  for (const page of pages) {
    doc.addPage()
    const content = new ContentBuilder()
    const pageFonts = new Set<EmbeddedFont>()
    const links: StructElement[] = []
    const fontFor = (font: LoadedFont, p: Paragraph, offset: number): EmbeddedFont => {
      let embedded = fonts.get(font)
      if (!embedded) {
        embedded = new EmbeddedFont(font, `F${fonts.size + 1}`, doc.reserve())
        fonts.set(font, embedded)
        firstUse.set(embedded, p.origins.find((origin) => offset >= origin.start && offset < origin.end)?.node?.position.start ?? null)
      }
      if (!pageFonts.has(embedded)) {
        doc.useFont(embedded.resourceName, embedded.ref)
        pageFonts.add(embedded)
      }
      return embedded
    }
    const drawText = (item: TextItem) => {
      const p = item.paragraph
      const owner = p.struct ? element(p.struct) : null
      const tag = p.struct?.tag ?? 'Artifact'
      let open: StructElement | null = null
      let openLink: string | null = null
      const flush = () => {
        content.endText()
        doc.write(content.take())
      }
      if (!owner) content.raw(`/Artifact <</Type /Pagination /Subtype /${item.artifact ?? 'Footer'}>> BDC`)
      for (const placed of item.lines) {
        let moved = false
        let rect: {x0: number; x1: number} | null = null
        const addLink = () => {
          if (!rect || !openLink || !open) return
          const size = p.style.sizePt
          doc.link(rect.x0, placed.baselinePt - 0.3 * size, rect.x1 - rect.x0, 1.25 * size, openLink, open, openLink.replace(/^mailto:/, ''))
          rect = null
        }
        for (const cluster of lineClusters(p, placed)) {
          if (owner && (open === null || cluster.link !== openLink)) {
            addLink()
            flush()
            if (open) doc.endMarked(open)
            if (cluster.link) {
              open = doc.struct('Link', owner)
              links.push(open)
              doc.beginMarked(open, 'Link')
            } else {
              open = owner
              doc.beginMarked(owner, tag)
            }
            openLink = cluster.link
            moved = false
          }
          if (!moved) {
            content.moveTo(placed.xPt, placed.baselinePt)
            moved = true
          }
          content.fillColour(cluster.link ? template.links.colour : p.style.colour)
          const font = fontFor(cluster.font, p, cluster.start)
          content.showCluster(font, cluster.sizePt, cluster.glyphs, cluster.text, cluster.endXPt)
          if (cluster.link) {
            const x0 = Math.min(...cluster.glyphs.map((glyph) => glyph.xPt))
            rect = rect ? {x0: Math.min(rect.x0, x0), x1: Math.max(rect.x1, cluster.endXPt)} : {x0, x1: cluster.endXPt}
          }
        }
        addLink()
      }
      if (open) {
        flush()
        doc.endMarked(open)
      }
      if (!owner) {
        content.endText()
        content.raw('EMC')
      }
      if (owner && item.last) doc.endStruct(owner)
    }

    for (const item of [...page.header, ...page.items]) {
      if (item.kind === 'rule') {
        const colour = item.colour.map(num).join(' ')
        content.raw(
          `/Artifact <</Type /Layout>> BDC q ${colour} RG ${num(item.thicknessPt)} w ${num(item.x1Pt)} ${num(item.yPt)} m ${num(item.x2Pt)} ${num(item.yPt)} l S Q EMC`
        )
      } else {
        drawText(item)
      }
    }
    if (page.footer) drawText(page.footer)
    doc.write(content.take())
    // A Link element names its page when written out: end it on its page.
    for (const link of links) doc.endStruct(link)
  }

  for (const font of fonts.values()) {
    try {
      font.write(doc, {hinting: template.fonts.hinting})
    } catch (error) {
      throw new FontEmbedError(font.font.path, error instanceof Error ? error.message : String(error), firstUse.get(font) ?? null)
    }
  }
  return doc.finish()
}

interface DrawnCluster {
  start: number
  text: string
  font: LoadedFont
  sizePt: number
  link: string | null
  /** Absolute positions. */
  glyphs: ClusterGlyph[]
  /** Where the next cluster starts (absolute). */
  endXPt: number
}

/**
 * The visible clusters of a line, in visual order, each with its source
 * text (up to the next cluster) and the link it belongs to.
 */
function lineClusters(p: Paragraph, placed: PlacedLine): DrawnCluster[] {
  const {line, xPt} = placed
  const clusters: Array<DrawnCluster & {visible: boolean}> = []
  for (const run of line.runs) {
    let current: (DrawnCluster & {visible: boolean}) | null = null
    for (const glyph of run.glyphs) {
      if (!current || glyph.clusterUtf16 !== current.start) {
        current = {
          start: glyph.clusterUtf16,
          text: '',
          font: run.font,
          sizePt: run.fontSizePt,
          link: linkAt(p, glyph.clusterUtf16),
          glyphs: [],
          endXPt: xPt + run.xPt + run.advancePt,
          visible: glyph.clusterUtf16 < line.visibleEndUtf16
        }
        clusters.push(current)
      }
      current.glyphs.push({glyphId: glyph.glyphId, xPt: xPt + glyph.xPt, yPt: glyph.yPt})
    }
  }
  for (let i = 0; i < clusters.length; i++) {
    const cluster = clusters[i]!
    const next = clusters[i + 1]
    if (next) cluster.endXPt = next.glyphs[0]!.xPt
    cluster.text = p.text.slice(cluster.start, Math.min(next?.start ?? line.visibleEndUtf16, line.visibleEndUtf16))
  }
  return clusters.filter((cluster) => cluster.visible && cluster.text !== '')
}

function linkAt(p: Paragraph, offset: number): string | null {
  for (const span of p.spans) if (offset >= span.start && offset < span.end) return span.link
  return null
}

/** The release's moment: its embargo when it has one, else its date at 00:00 UTC. */
function releaseDate(release: Release): Date {
  const {embargo, date} = release.frontmatter
  if (embargo !== null && !Number.isNaN(Date.parse(embargo))) return new Date(Date.parse(embargo))
  if (date !== null) return new Date(`${date}T00:00:00Z`)
  return new Date(0)
}
