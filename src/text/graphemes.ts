/**
 * Grapheme cluster boundaries (UAX #29 via ICU), the smallest units the
 * engine ever splits text at: fonts are chosen and lines broken per
 * cluster, so a Khmer stack (base, coeng + subscripts, vowels, signs,
 * ZWJ/ZWNJ) always stays together.
 */

import {rememberLast} from './memo.js'
import {segmentStarts} from './segments.js'

const segmenter = new Intl.Segmenter('km', {granularity: 'grapheme'})

const COENG = 0x17d2

/**
 * Offsets (UTF-16) where a cluster starts, plus `text.length`; always
 * starts with 0. Empty text gives `[0]`.
 */
export const graphemeBoundaries: (text: string) => readonly number[] = rememberLast(boundariesOf)

function boundariesOf(text: string): number[] {
  if (text.length === 0) return [0]
  const boundaries: number[] = []
  for (const index of segmentStarts(text, segmenter)) {
    // ICU keeps coeng + consonant with its base since Unicode 15.1
    // (U+17D2 is a Grapheme_Link), older ICU split after the coeng; never
    // let a boundary follow a coeng, whatever the ICU version.
    if (index > 0 && text.charCodeAt(index - 1) === COENG) continue
    boundaries.push(index)
  }
  boundaries.push(text.length)
  return boundaries
}
