/**
 * Segment starts of `Intl.Segmenter` in linear time. V8's segment iterator
 * grows more costly with the length of the whole string (about quadratic:
 * 40,000 characters of Khmer take ten times as long as 10,000), so a long
 * paragraph is segmented in windows of a few thousand characters. Each
 * window starts at a segment start of the whole text, and of its own starts
 * only those before its last safe cut are kept; the next window begins
 * there.
 */

const WINDOW_UTF16 = 2048

/**
 * Start offsets of the segments of `text` (0 first, `text.length` not
 * included), the same as `segmenter.segment(text)` gives.
 *
 * `safeCut(text, offset)` tells whether a segment start found inside a
 * window is one of the whole text whatever follows the window, and
 * whether what comes after it cannot change the starts before it. For
 * graphemes any start is (UAX #29 decides a boundary from the characters
 * around it and the cluster before it); for words only one after white
 * space, as a dictionary (Khmer) looks at the whole run of letters.
 * `margin` is how much of the window a cut needs after it: sentences
 * (UAX #29) look ahead across the characters that are not letters.
 */
export function segmentStarts(text: string, segmenter: Intl.Segmenter, safeCut: (text: string, offset: number) => boolean = () => true, margin = 0): number[] {
  const starts: number[] = []
  let from = 0
  let size = WINDOW_UTF16
  while (from < text.length) {
    const end = from + size
    if (end >= text.length) {
      for (const {index} of segmenter.segment(from === 0 ? text : text.slice(from))) starts.push(from + index)
      break
    }
    const window: number[] = []
    for (const {index} of segmenter.segment(text.slice(from, end))) window.push(from + index)
    let cut = window.length - 1
    while (cut > 0 && (window[cut]! > end - margin || !safeCut(text, window[cut]!))) cut--
    if (cut === 0) {
      // One segment, or no safe cut, fills the window: look further.
      size *= 2
      continue
    }
    for (let i = 0; i < cut; i++) starts.push(window[i]!)
    from = window[cut]!
    size = WINDOW_UTF16
  }
  return starts
}

/** A word segment start right after white space or ZWSP: a dictionary's run of letters ends before it. */
export function afterSpace(text: string, offset: number): boolean {
  const before = text.charCodeAt(offset - 1)
  return before === 0x20 || before === 0x200b || before === 0x0a || before === 0x09
}
