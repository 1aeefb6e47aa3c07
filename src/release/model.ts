/**
 * The release model: what the reader builds from one Markdown file and what
 * every check and renderer consumes. Types only.
 *
 * Every node keeps the position of its source so that any later stage can
 * point at `file:line:column`. Offsets are UTF-16 offsets into the decoded
 * file text with any byte order mark removed.
 */

export interface Point {
  line: number
  column: number
  offset: number
}

export interface Position {
  start: Point
  end: Point
}

export type Lang = 'en' | 'km'

export const langs: readonly Lang[] = ['en', 'km']

export interface TextNode {
  type: 'text'
  /** The text as written, with line endings normalised to `\n`. */
  value: string
  position: Position
}

export interface EmphasisNode {
  type: 'emphasis'
  children: Inline[]
  position: Position
}

export interface StrongNode {
  type: 'strong'
  children: Inline[]
  position: Position
}

export interface LinkNode {
  type: 'link'
  url: string
  title: string | null
  children: Inline[]
  position: Position
}

export interface BreakNode {
  type: 'break'
  position: Position
}

export type Inline = TextNode | EmphasisNode | StrongNode | LinkNode | BreakNode

export interface ParagraphBlock {
  type: 'paragraph'
  children: Inline[]
  position: Position
}

/** A `###` subhead inside a section. */
export interface HeadingBlock {
  type: 'heading'
  depth: 3
  children: Inline[]
  position: Position
}

export interface ListItem {
  children: Block[]
  position: Position
}

export interface ListBlock {
  type: 'list'
  ordered: boolean
  start: number | null
  items: ListItem[]
  position: Position
}

export interface QuoteBlock {
  type: 'quote'
  children: Block[]
  position: Position
}

export type Block = ParagraphBlock | HeadingBlock | ListBlock | QuoteBlock

export interface Headline {
  children: Inline[]
  /** Plain text of the headline. */
  text: string
  position: Position
}

export interface Section {
  lang: Lang
  /** The level-1 heading as written (`English`, `ខ្មែរ` or `Khmer`). */
  label: string
  /** Position of the level-1 heading. */
  headingPosition: Position
  /** The first `##` of the section; null when there is none. */
  headline: Headline | null
  blocks: Block[]
  /** From the level-1 heading to the end of the section's last node. */
  position: Position
}

/** One frontmatter value with where it was written. */
export interface Field<T> {
  value: T
  /** Where the value is written. */
  position: Position
  /** Where the key is written. */
  keyPosition: Position
}

export interface Frontmatter {
  /** Where the frontmatter block is, or null when the file has none. */
  position: Position | null
  /** False when the YAML could not be parsed; the reader has reported why. */
  readable: boolean
  /** Every key as written, valid or not, for checks that need positions. */
  fields: Record<string, Field<unknown>>
  /** `ref` when it is a non-empty string. */
  ref: string | null
  /** `date` when it is a valid `YYYY-MM-DD` calendar date. */
  date: string | null
  /** `embargo` when it is a valid ISO 8601 date-time with an offset, as written. */
  embargo: string | null
  /** `draft: true`. */
  draft: boolean
  /**
   * Keys that decide publication written so that they cannot be read: a
   * `draft` that is not `true` or `false`, an `embargo` that is not a
   * date-time with its offset, or an unknown key that looks like one
   * (`Embargo`, `embargo_until`, `drafted`). A release with any is not
   * published, whatever the rule severities: in doubt, it is held back.
   */
  unreadable: string[]
}

export interface Release {
  /** Path of the source file, relative to the project folder, with `/` separators. */
  path: string
  frontmatter: Frontmatter
  sections: Partial<Record<Lang, Section>>
  /** Section languages in the order they were written. */
  order: Lang[]
  /** What the source looked like, so that fixes can write it back the same way. */
  source: {
    bom: boolean
    lineEnding: '\n' | '\r\n'
  }
}
