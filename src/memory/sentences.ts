import {segmentStarts} from '../text/segments.js'

/** A sentence as UTF-16 offsets into the text it was found in, without surrounding white space. */
export interface Span {
  start: number
  end: number
}

const englishSegmenter = new Intl.Segmenter('en', {granularity: 'sentence'})

/**
 * Words that end with a full stop but not a sentence. ICU's sentence
 * breaker (UAX #29) breaks after `Mr.` followed by a capital, and press
 * releases are full of `H.E. Mr. UENO Atsushi`.
 */
const abbreviation =
  /(?:^|[\s(‘“"'])(?:Mr|Mrs|Ms|Messrs|Dr|Prof|St|Mt|No|Nos|Gen|Lt|Col|Capt|Maj|Hon|Rev|Sen|Rep|Gov|Amb|Dept|approx|vs|cf|e\.g|i\.e|(?:\p{Lu}\.)*\p{Lu})\.\s*$/u

const mayEndSentence = /[.!?…][^\p{L}\p{N}]*\s|\n/u

/**
 * English sentences as `Intl.Segmenter('en', {granularity: 'sentence'})`
 * finds them, with a break after an abbreviation (`H.E.`, `Mr.`, an
 * initial) undone. A line end ends a sentence, as the segmenter has it.
 */
export function englishSentences(text: string): Span[] {
  const spans: Span[] = []
  // Most headlines and list items are one sentence: no full stop, question
  // or exclamation mark before more text, and no line end.
  if (!mayEndSentence.test(text)) {
    pushTrimmed(text, 0, text.length, spans)
    return spans
  }
  let start: number | null = null
  for (const {index, segment} of sentenceSegments(text)) {
    start ??= index
    const end = index + segment.length
    if (abbreviation.test(segment) && !segment.includes('\n') && end < text.length) continue
    pushTrimmed(text, start, end, spans)
    start = null
  }
  if (start !== null) pushTrimmed(text, start, text.length, spans)
  return spans
}

/** Text kept in view after a break where a long paragraph is segmented a window at a time. */
const sentenceMargin = 256

/**
 * The segmenter's sentences of `text`, a window at a time (V8's segmenter
 * takes seconds over a paragraph of 200,000 characters whole). A break is
 * taken from a window only with `margin` characters after it: UAX #29 looks
 * further ahead only across more characters than that without a letter.
 */
export function sentenceSegments(text: string, margin = sentenceMargin): Array<{index: number; segment: string}> {
  const starts = segmentStarts(text, englishSegmenter, undefined, margin)
  return starts.map((index, i) => ({index, segment: text.slice(index, starts[i + 1] ?? text.length)}))
}

/**
 * Khmer sentences end at ។ (khan) or ៕ (bariyoosan), or at a line end.
 * `។ល។` (et cetera) does not end one.
 */
export function khmerSentences(text: string): Span[] {
  const spans: Span[] = []
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (char === '\n') {
      pushTrimmed(text, start, i, spans)
      start = i + 1
    } else if (char === '។' || char === '៕') {
      if (char === '។' && text.startsWith('ល។', i + 1)) {
        i += 2
        continue
      }
      pushTrimmed(text, start, i + 1, spans)
      start = i + 1
    }
  }
  pushTrimmed(text, start, text.length, spans)
  return spans
}

const blank = /[\s\u200B]/

function pushTrimmed(text: string, start: number, end: number, into: Span[]) {
  while (start < end && blank.test(text[start]!)) start++
  while (end > start && blank.test(text[end - 1]!)) end--
  if (end > start) into.push({start, end})
}
