import {extractFacts, type Fact, type FactKind} from '../facts/extract.js'
import type {Inline, Point, Release, Section, TextNode} from '../release/model.js'
import {pairUnits, sectionUnits, type Unit} from '../release/pairing.js'
import {sourcePoint} from '../release/text.js'
import {englishSentences, khmerSentences, type Span} from './sentences.js'

/** A fact inside a segment's text, by UTF-16 offsets into that text. */
export interface SegmentFact {
  kind: FactKind
  /** As `extractFacts` keys it: `USD 1000000`, `2026-02-18`, `3`. */
  key: string
  start: number
  end: number
}

/** One language's side of a segment. */
export interface Side {
  /** The text, soft and hard line breaks read as spaces. */
  text: string
  /** Where it starts in the release file (1-based line and column, UTF-16 offset). */
  line: number
  column: number
  offset: number
  facts: SegmentFact[]
}

/**
 * An aligned pair: one sentence in each language, or a whole unit when its
 * sentences do not pair one to one.
 */
export interface Segment {
  kind: 'sentence' | 'unit'
  en: Side
  km: Side
}

/** The English of one headline or unit, whole and by sentences: what the preview looks up. */
export interface EnglishPiece {
  /** The unit, or null for the headline. */
  unit: Unit | null
  whole: Side
  sentences: Side[]
}

/**
 * The aligned pairs of one release: the headlines, then the units as
 * `pairUnits` pairs them. Inside a pair, sentences pair by order when both
 * languages have as many and their facts agree (a fact of one sentence is
 * not found only in another sentence of the other language); otherwise the
 * whole unit is one pair. A unit whose Khmer is not a translation yet (no
 * Khmer letters, or a placeholder such as TODO) gives nothing.
 */
export function releaseSegments(release: Release, source: string): Segment[] {
  const en = release.sections.en
  const km = release.sections.km
  if (!en || !km) return []
  const enText = sectionTexts(en, source, englishSentences)
  const kmText = sectionTexts(km, source, khmerSentences)
  const segments: Segment[] = []
  const add = (a: Piece, b: Piece) => {
    if (!/\p{L}/u.test(a.whole.text) || !isTranslation(b.whole.text)) return
    const pairs = pairSentences(a.sentences, b.sentences)
    if (pairs) for (const [x, y] of pairs) segments.push({kind: 'sentence', en: x, km: y})
    else segments.push({kind: 'unit', en: a.whole, km: b.whole})
  }
  if (en.headline && km.headline) add(enText.headline!, kmText.headline!)
  for (const pair of pairUnits(sectionUnits(en), sectionUnits(km))) {
    if (pair.en && pair.km) add(enText.units.get(pair.en)!, kmText.units.get(pair.km)!)
  }
  return segments
}

/** The English headline and units of a release, whole and by sentences, with their facts. */
export function englishPieces(release: Release, source: string): EnglishPiece[] {
  const en = release.sections.en
  if (!en) return []
  const texts = sectionTexts(en, source, englishSentences)
  return [...(texts.headline ? [{...texts.headline, unit: null}] : []), ...[...texts.units].map(([unit, piece]) => ({...piece, unit}))]
}

/** Khmer that is a translation: it has Khmer letters and no placeholder. */
export function isTranslation(text: string): boolean {
  return /[\u1780-\u17B3]/u.test(text) && !hasPlaceholder(text)
}

/** Whether a text holds a placeholder such as TODO, as the `untranslated` rule finds them. */
export function hasPlaceholder(text: string): boolean {
  return placeholder.test(text)
}

// The placeholders the `untranslated` rule reports.
const placeholder = /(?<![\p{L}\p{N}])(?:TODO|TBD|TBC|FIXME|XXX|lorem ipsum|\[translation\]|\[translate\])(?![\p{L}\p{N}])/iu

interface Piece {
  whole: Side
  sentences: Side[]
}

/** Headline and units of a section as texts cut into sentences, each with its facts and place. */
function sectionTexts(section: Section, source: string, sentences: (text: string) => Span[]): {headline: Piece | null; units: Map<Unit, Piece>} {
  // Each fact under the text node it starts in; it may run on into the next (`**៨៥,០០០** ដុល្លារ`).
  const facts = new Map<TextNode, Fact[]>()
  for (const fact of extractFacts(section)) {
    const first = fact.spans[0]!.node
    facts.set(first, [...(facts.get(first) ?? []), fact])
  }
  const piece = (children: readonly Inline[]): Piece => {
    const flat = flatten(children)
    const offsets = new Map(flat.nodes.map(({node, offset}) => [node, offset]))
    const unitFacts: SegmentFact[] = []
    for (const {node, offset} of flat.nodes) {
      for (const fact of facts.get(node) ?? []) {
        const last = fact.spans.at(-1)!
        const lastOffset = offsets.get(last.node) ?? offset
        unitFacts.push({kind: fact.kind, key: fact.key, start: offset + fact.spans[0]!.start, end: lastOffset + last.end})
      }
    }
    const side = (span: Span): Side => {
      const point = pointAt(flat, span.start, source)
      return {
        text: flat.text.slice(span.start, span.end).replace(/\n/g, ' '),
        line: point.line,
        column: point.column,
        offset: point.offset,
        facts: unitFacts
          .filter((fact) => fact.start >= span.start && fact.end <= span.end)
          .map((fact) => ({...fact, start: fact.start - span.start, end: fact.end - span.start}))
      }
    }
    const spans = sentences(flat.text)
    const parts = spans.map(side)
    if (parts.length === 1) return {whole: parts[0]!, sentences: parts}
    return {whole: side({start: spans[0]?.start ?? 0, end: spans.at(-1)?.end ?? 0}), sentences: parts}
  }
  const units = new Map<Unit, Piece>()
  for (const unit of sectionUnits(section)) units.set(unit, piece(unit.children))
  return {headline: section.headline ? piece(section.headline.children) : null, units}
}

interface Flat {
  /** As `plainText`: a hard break is a newline. */
  text: string
  nodes: Array<{node: TextNode; offset: number}>
}

function flatten(children: readonly Inline[]): Flat {
  const flat: Flat = {text: '', nodes: []}
  const visit = (inlines: readonly Inline[]) => {
    for (const node of inlines) {
      if (node.type === 'text') {
        flat.nodes.push({node, offset: flat.text.length})
        flat.text += node.value
      } else if (node.type === 'break') {
        flat.text += '\n'
      } else {
        visit(node.children)
      }
    }
  }
  visit(children)
  return flat
}

/** Where an offset of the flattened text is in the file: in the text node holding it, or the next one. */
function pointAt(flat: Flat, offset: number, source: string): Point {
  const holder =
    flat.nodes.find(({node, offset: at}) => offset >= at && offset < at + node.value.length) ?? flat.nodes.find(({offset: at}) => at >= offset)
  if (!holder) return {line: 1, column: 1, offset: 0}
  return sourcePoint(source, holder.node, Math.max(0, offset - holder.offset))
}

/**
 * Sentences pair by order when both sides have as many and no fact of a
 * sentence is found only in another sentence of the other side.
 */
function pairSentences(en: readonly Side[], km: readonly Side[]): Array<[Side, Side]> | null {
  if (en.length !== km.length || en.length === 0) return null
  const misplaced = (a: readonly Side[], b: readonly Side[]) =>
    a.some((sentence, i) =>
      sentence.facts.some(
        (fact) => !b[i]!.facts.some((other) => sameFact(fact, other)) && b.some((other, j) => j !== i && other.facts.some((f) => sameFact(fact, f)))
      )
    )
  if (misplaced(en, km) || misplaced(km, en)) return null
  return en.map((sentence, i) => [sentence, km[i]!])
}

/** Equal keys; a date written without its year is the same day and month with one. */
export function sameFact(a: {kind: FactKind; key: string}, b: {kind: FactKind; key: string}): boolean {
  if (a.kind !== b.kind) return false
  if (a.key === b.key) return true
  return a.kind === 'date' && (a.key.startsWith('--') || b.key.startsWith('--')) && a.key.slice(-5) === b.key.slice(-5)
}
