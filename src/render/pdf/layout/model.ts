/**
 * The data the layout stages pass along: paragraphs ready to set, lines
 * placed on pages, and problems found on the way. Types only.
 */
import type {Config, FontRole} from '../../../config/model.js'
import type {Lang, Point, Position, Release, TextNode} from '../../../release/model.js'
import type {Line, LoadedFont} from '../../../text/index.js'
import type {PdfTemplate, Rgb, TextStyle} from '../template.js'

/** Per language and role, a font fallback chain (first font that covers a character wins). */
export type FontChains = Record<Lang, Record<FontRole, LoadedFont[]>>

/** A node of the document's structure tree (PDF tags: Sect, H1, P, L, LI, Lbl, LBody...). */
export interface StructNode {
  tag: string
  lang?: Lang
  parent: StructNode | null
}

/** Where a stretch of a paragraph's text comes from. */
export interface Origin {
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
  /** Page furniture outside the structure tree. */
  artifact?: 'Header' | 'Footer'
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
  /** The running header of a part's continuation pages (artifacts); empty on a part's first page. */
  header: Array<TextItem | RuleItem>
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

/** What the pages are made from, in reading order: paragraphs, rules, and the start of each language part. */
export type Flow = Array<Paragraph | RuleFlow | {kind: 'part'; lang: Lang}>

export interface RuleFlow {
  kind: 'rule'
  thicknessPt: number
  colour: Rgb
  spaceBeforePt: number
  spaceAfterPt: number
}
