/**
 * Sizes a release stays within, so that reading it takes bounded time and
 * memory whatever it holds. The Markdown parser recurses once per level of
 * nesting (thousands of `- ` or `> ` overflow the stack) and some of its
 * steps grow with the square of a run of markers (`*` × 5000, `[` × 10000),
 * so the source is scanned for these first, in one pass, and a release past
 * a limit is not parsed at all. A press release needs three levels and a
 * few dozen links; the limits are far above that.
 */
export const limits = {
  /** Bytes of a release file; a larger one is refused by its size, before it is read. */
  releaseBytes: 1024 * 1024,
  /** Levels of block quotes, list items and indentation on one line, and of open `[` in a paragraph. */
  nesting: 32,
  /** The same emphasis marker (`*`, `_`) or bracket written this many times in a row. */
  markerRun: 32,
  /** Links (`](`, `<scheme:`, bare `https://`, `www.`) in a release. */
  links: 1000,
  /** Characters of one paragraph (checked on the parsed paragraph). */
  paragraphChars: 20_000
} as const

export interface LimitFinding {
  reason: string
  /** UTF-16 offset of the first offending place. */
  offset: number
}

/** The first place past each limit, in one pass over the text; empty when the release can be parsed. */
export function scanLimits(text: string): LimitFinding[] {
  const found: LimitFinding[] = []
  let nestingAt = -1
  let runAt = -1
  let bracketAt = -1
  let links = 0
  let linksAt = -1
  let depth = 0
  let lineStart = 0
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text.charCodeAt(i) === 0x0a) {
      const line = text.slice(lineStart, i)
      if (nestingAt < 0 && lineNesting(line) > limits.nesting) nestingAt = lineStart
      // A blank line ends the paragraph, and its open brackets with it.
      if (line.trim() === '') depth = 0
      lineStart = i + 1
      continue
    }
    const c = text[i]!
    if (c === '\\') {
      i++
      continue
    }
    if (c === '[') {
      depth++
      if (depth > limits.nesting && bracketAt < 0) bracketAt = i
    } else if (c === ']' && depth > 0) depth--
    if ((c === '*' || c === '_' || c === '[' || c === ']') && runAt < 0 && text.startsWith(c.repeat(limits.markerRun + 1), i)) runAt = i
    if (c === ']' && text[i + 1] === '(') links++
    // A bare URL is a link of its own (GFM autolinks); one in `(…)` or `<…>` is a link's target, counted above.
    else if ((c === 'h' || c === 'w') && text[i - 1] !== '(' && text[i - 1] !== '<' && /^(?:https?:\/\/|www\.)/.test(text.slice(i, i + 8))) links++
    if (links > limits.links && linksAt < 0) linksAt = i
  }
  if (nestingAt >= 0) {
    found.push({reason: `Nesting deeper than ${limits.nesting} levels of lists, quotes or indentation; a release needs a few: flatten it`, offset: nestingAt})
  }
  if (bracketAt >= 0) found.push({reason: `More than ${limits.nesting} \`[\` open at once; close the brackets or write \`\\[\``, offset: bracketAt})
  if (runAt >= 0) {
    found.push({reason: `The same marker (\`${text[runAt]}\`) more than ${limits.markerRun} times in a row; delete the extra ones or escape them with \`\\\``, offset: runAt})
  }
  if (linksAt >= 0) found.push({reason: `More than ${limits.links} links in one release; a release links to a few pages: remove the rest`, offset: linksAt})
  return found
}

/**
 * Levels of block containers a line opens: `>` and list markers at its
 * start, and its indentation in steps of two columns (a tab is four).
 */
function lineNesting(line: string): number {
  let levels = 0
  let columns = 0
  let i = 0
  while (i < line.length) {
    const c = line[i]!
    if (c === ' ') {
      columns++
      i++
    } else if (c === '\t') {
      columns += 4
      i++
    } else if (c === '>') {
      levels++
      i++
    } else {
      const marker = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/.exec(line.slice(i, i + 11))
      if (!marker) break
      levels++
      i += marker[0].length
    }
    if (levels + Math.floor(columns / 2) > limits.nesting) break
  }
  return levels + Math.floor(columns / 2)
}
