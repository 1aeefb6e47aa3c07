import type {Inline, Lang, Position, Release} from '../release/model.js'
import {pairUnits, sectionUnits, type Unit} from '../release/pairing.js'
import type {PreviewMessage} from './messages.js'

/** One side of a preview row: the headline or a unit of `sectionUnits`. */
export interface PreviewBlock {
  /** Element id in the page: `b0-en` is the English headline. */
  id: string
  lang: Lang
  position: Position
  /** Null for the headline. */
  unit: Unit | null
  children: Inline[]
}

export interface PreviewRow {
  index: number
  kind: 'headline' | Unit['kind']
  en: PreviewBlock | null
  km: PreviewBlock | null
}

/**
 * The rows of the preview: the headlines, then the unit pairs exactly as
 * `structure-parity` pairs them (`pairUnits`), so what the translator sees
 * side by side is what the check compared.
 */
export function previewRows(release: Release): PreviewRow[] {
  const en = release.sections.en
  const km = release.sections.km
  const rows: PreviewRow[] = []
  const block = (index: number, lang: Lang, position: Position, unit: Unit | null, children: Inline[]): PreviewBlock => ({
    id: `b${index}-${lang}`,
    lang,
    position,
    unit,
    children
  })
  if (en?.headline || km?.headline) {
    rows.push({
      index: 0,
      kind: 'headline',
      en: en?.headline ? block(0, 'en', en.headline.position, null, en.headline.children) : null,
      km: km?.headline ? block(0, 'km', km.headline.position, null, km.headline.children) : null
    })
  }
  const pairs = pairUnits(en ? sectionUnits(en) : [], km ? sectionUnits(km) : [])
  pairs.forEach((pair, i) => {
    const index = i + 1
    rows.push({
      index,
      kind: (pair.en ?? pair.km)!.kind,
      en: pair.en ? block(index, 'en', pair.en.position, pair.en, pair.en.children) : null,
      km: pair.km ? block(index, 'km', pair.km.position, pair.km, pair.km.children) : null
    })
  })
  return rows
}

export interface PlacedMessages {
  /** Messages by the id of the block whose source contains them. */
  byBlock: Map<string, PreviewMessage[]>
  /** Messages outside every block: frontmatter, file name, section headings. */
  general: PreviewMessage[]
}

/**
 * Puts each message beside the block whose source position contains its
 * start: the innermost one (a list item's nested paragraph rather than the
 * item), matching line and column first, then the line alone.
 */
export function placeMessages(messages: readonly PreviewMessage[], rows: readonly PreviewRow[]): PlacedMessages {
  const blocks = rows.flatMap((row) => [row.en, row.km]).filter((block): block is PreviewBlock => block !== null)
  const byBlock = new Map<string, PreviewMessage[]>()
  const general: PreviewMessage[] = []
  const size = (block: PreviewBlock) => block.position.end.offset - block.position.start.offset
  const innermost = (candidates: PreviewBlock[]) => candidates.sort((a, b) => size(a) - size(b))[0] ?? null
  for (const message of messages) {
    const line = message.line
    const column = message.column ?? 1
    let found: PreviewBlock | null = null
    if (line !== null) {
      const before = (a: {line: number; column: number}, b: {line: number; column: number}) =>
        a.line < b.line || (a.line === b.line && a.column <= b.column)
      const at = {line, column}
      found =
        innermost(blocks.filter((block) => before(block.position.start, at) && before(at, block.position.end))) ??
        innermost(blocks.filter((block) => block.position.start.line <= line && line <= block.position.end.line))
    }
    if (found) byBlock.set(found.id, [...(byBlock.get(found.id) ?? []), message])
    else general.push(message)
  }
  return {byBlock, general}
}
