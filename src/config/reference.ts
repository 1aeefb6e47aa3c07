/**
 * Reference-number patterns such as `No. {n} PR-{yy}/EoJ`. Placeholders:
 * `{n}` the sequence number without leading zeros, `{yy}` the two-digit
 * year, `{yyyy}` the four-digit year. Everything else is literal.
 */
export interface ReferencePattern {
  pattern: string
  /** Matches a whole reference; groups `n` and `yy`/`yyyy`. */
  regex: RegExp
  /** Null when the pattern is usable, else what is wrong with it. */
  problem: string | null
}

export interface ParsedReference {
  n: number
  /** Four-digit year when the pattern has `{yyyy}`, else two digits. */
  year: number
  yearDigits: 2 | 4
}

const placeholders: Record<string, string> = {
  n: '(?<n>[1-9]\\d*)',
  yy: '(?<yy>\\d{2})',
  yyyy: '(?<yyyy>\\d{4})'
}

export function compileReference(pattern: string): ReferencePattern {
  let source = ''
  let problem: string | null = null
  const seen = new Set<string>()
  for (const part of pattern.split(/(\{[^}]*\})/)) {
    const name = /^\{(.*)\}$/.exec(part)?.[1]
    if (name === undefined) {
      source += part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      continue
    }
    if (!(name in placeholders)) {
      problem = `unknown placeholder \`{${name}}\`; use {n}, {yy} or {yyyy}`
      continue
    }
    if (seen.has(name)) problem = `placeholder \`{${name}}\` appears twice`
    seen.add(name)
    source += placeholders[name]
  }
  if (!problem && !seen.has('n')) problem = 'the pattern needs `{n}` for the sequence number'
  if (!problem && !seen.has('yy') && !seen.has('yyyy')) problem = 'the pattern needs `{yy}` or `{yyyy}` for the year'
  return {pattern, regex: new RegExp(`^${source}$`, 'u'), problem}
}

export function parseReference(pattern: ReferencePattern, ref: string): ParsedReference | null {
  const groups = pattern.regex.exec(ref)?.groups
  if (!groups?.n) return null
  if (groups.yyyy) return {n: Number(groups.n), year: Number(groups.yyyy), yearDigits: 4}
  return {n: Number(groups.n), year: Number(groups.yy), yearDigits: 2}
}

/** The reference for sequence number `n` in `year` (four digits). */
export function formatReference(pattern: ReferencePattern, n: number, year: number): string {
  return pattern.pattern
    .replace('{n}', String(n))
    .replace('{yyyy}', String(year))
    .replace('{yy}', String(year % 100).padStart(2, '0'))
}

/**
 * A forgiving version of the pattern for finding references written in the
 * body: spaces anywhere between parts, punctuation optional, any letter case,
 * Khmer or Latin digits. `No.10 PR-26/EoJ` and `no 10 pr 26/eoj` both match.
 */
export function looseReferenceRegex(pattern: ReferencePattern): RegExp {
  const digit = '[0-9\\u17E0-\\u17E9]'
  const parts: string[] = []
  for (const part of pattern.pattern.split(/(\{[^}]*\})/)) {
    if (part === '{n}') parts.push(`${digit}+`)
    else if (part === '{yy}') parts.push(`${digit}{2}`)
    else if (part === '{yyyy}') parts.push(`${digit}{4}`)
    else {
      for (const token of part.match(/[\p{L}\p{N}]+|[^\p{L}\p{N}\s]/gu) ?? []) {
        const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        parts.push(/[\p{L}\p{N}]/u.test(token) ? escaped : `${escaped}?`)
      }
    }
  }
  return new RegExp(`(?<![\\p{L}\\p{N}])${parts.join('[\\s\\u00A0]*')}(?![\\p{L}\\p{N}])`, 'giu')
}
