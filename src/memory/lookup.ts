import type {Glossary} from '../config/glossary.js'
import type {DigitStyle} from '../facts/render.js'
import {compareInArchive, type Memory, type ReleaseMemory} from './memory.js'
import {adaptKhmer, englishKey, placeablesOf, type Adaptation, type Placeable, type TextWithFacts} from './placeables.js'
import type {Side} from './segments.js'

/**
 * An earlier translation offered for an English sentence or unit.
 * `exact`: the same English; `adapted`: the same but for placeables, whose
 * new values are written into the earlier Khmer; `fuzzy`: similar English.
 */
export interface Suggestion {
  kind: 'exact' | 'adapted' | 'fuzzy'
  /** 100 × (1 − token edit distance ÷ tokens of the longer text), rounded down. */
  score: number
  /** The Khmer to use: the earlier one, adapted when `kind` is `adapted`. */
  km: string
  /** The earlier English. */
  en: string
  /** The earlier English against the new, token by token. */
  diff: DiffPart[]
  /** The latest earlier release with this pair. */
  source: SuggestionSource
  /** How many other earlier releases hold the same pair. */
  also: number
  /** For `adapted`: what was written in. */
  replaced: Adaptation['replaced']
}

export interface SuggestionSource {
  path: string
  ref: string | null
  date: string | null
  /** Line of the English in that release. */
  line: number
}

/** `removed`: only in the earlier English; `added`: only in the new. */
export interface DiffPart {
  op: 'same' | 'removed' | 'added'
  text: string
}

export interface LookupOptions {
  /** The release asking: only releases before it in the archive are offered. */
  before?: {path: string; date: string | null} | null
  /** Most suggestions to return (3). */
  limit?: number
  /** Lowest score to offer (70). */
  threshold?: number
  /** Offer only pairs of whole units (for a unit of several sentences, whose sentences are looked up one by one). */
  unitsOnly?: boolean
}

export interface MemoryIndex {
  /** Unique pairs held. */
  size: number
  lookup(query: TextWithFacts, options?: LookupOptions): Suggestion[]
}

interface Entry {
  en: Side
  km: Side
  tokens: string[]
  /** Whether the pair is a whole unit somewhere. */
  unit: boolean
  /** Where the pair occurs, oldest first. */
  occurrences: Array<{release: ReleaseMemory; line: number}>
  placeables?: {en: Placeable[]; km: Placeable[]; key: string}
}

/**
 * An index of the memory for finding earlier translations: exact and fuzzy
 * matches as CAT tools score them (token edit distance over the longer
 * text). Candidates are found through the words they share with the query,
 * so that only pairs that can reach the threshold are compared.
 */
export function indexMemory(memory: Memory, options: {glossary: Glossary; khmerDigits: DigitStyle}): MemoryIndex {
  const entries: Entry[] = []
  const byText = new Map<string, Entry>()
  for (const release of memory.releases.values()) {
    for (const segment of release.segments) {
      const id = `${segment.en.text}\0${segment.km.text}`
      let entry = byText.get(id)
      if (!entry) {
        entry = {en: segment.en, km: segment.km, tokens: tokenize(segment.en.text), unit: false, occurrences: []}
        byText.set(id, entry)
        entries.push(entry)
      }
      if (segment.kind === 'unit') entry.unit = true
      if (entry.occurrences.at(-1)?.release !== release) entry.occurrences.push({release, line: segment.en.line})
    }
  }
  const postings = new Map<string, Array<[number, number]>>()
  entries.forEach((entry, id) => {
    for (const [token, count] of counts(entry.tokens)) {
      let list = postings.get(token)
      if (!list) postings.set(token, (list = []))
      list.push([id, count])
    }
  })
  const common = new Int32Array(entries.length)
  const placeablesOfEntry = (entry: Entry) =>
    (entry.placeables ??= (() => {
      const en = placeablesOf(entry.en, 'en', options.glossary)
      return {en, km: placeablesOf(entry.km, 'km', options.glossary), key: englishKey(entry.en.text, en)}
    })())

  return {
    size: entries.length,
    lookup(query, lookupOptions = {}) {
      const threshold = lookupOptions.threshold ?? 70
      const limit = lookupOptions.limit ?? 3
      const before = lookupOptions.before ?? null
      const tokens = tokenize(query.text)
      if (tokens.length === 0) return []
      const touched: number[] = []
      for (const [token, count] of counts(tokens)) {
        for (const [id, n] of postings.get(token) ?? []) {
          if (common[id] === 0) touched.push(id)
          common[id] = common[id]! + Math.min(count, n)
        }
      }
      let queryPlaceables: {list: Placeable[]; key: string} | null = null
      const found: Suggestion[] = []
      for (const id of touched) {
        const shared = common[id]!
        common[id] = 0
        const entry = entries[id]!
        const longer = Math.max(tokens.length, entry.tokens.length)
        // Edit distance is at least the tokens of the longer text that the
        // other lacks: skip pairs that cannot reach the threshold.
        if (100 * shared < threshold * longer || (lookupOptions.unitsOnly && !entry.unit)) continue
        const earlier = before ? entry.occurrences.filter(({release}) => release.path !== before.path && compareInArchive(release, before) < 0) : entry.occurrences
        if (earlier.length === 0) continue
        const {distance, diff} = tokenDiff(entry.tokens, tokens)
        const score = Math.floor(100 * (1 - distance / longer))
        if (score < threshold) continue
        const latest = earlier.at(-1)!
        const suggestion: Suggestion = {
          kind: 'fuzzy',
          score,
          km: entry.km.text,
          en: entry.en.text,
          diff,
          source: {path: latest.release.path, ref: latest.release.ref, date: latest.release.date, line: latest.line},
          also: earlier.length - 1,
          replaced: []
        }
        if (distance === 0) {
          suggestion.kind = 'exact'
        } else {
          queryPlaceables ??= (() => {
            const list = placeablesOf(query, 'en', options.glossary)
            return {list, key: englishKey(query.text, list)}
          })()
          const own = placeablesOfEntry(entry)
          if (own.key === queryPlaceables.key) {
            const adapted = adaptKhmer(
              {text: query.text, placeables: queryPlaceables.list},
              {text: entry.en.text, placeables: own.en},
              {text: entry.km.text, placeables: own.km},
              options.glossary,
              options.khmerDigits
            )
            if (adapted) Object.assign(suggestion, {kind: 'adapted', km: adapted.text, replaced: adapted.replaced})
          }
        }
        found.push(suggestion)
      }
      return best(found, limit)
    }
  }
}

const rank = {exact: 2, adapted: 1, fuzzy: 0} as const

/** The best suggestions, one per Khmer text: highest score, then exact over adapted over fuzzy, then the latest source. */
function best(found: Suggestion[], limit: number): Suggestion[] {
  found.sort(
    (a, b) =>
      b.score - a.score ||
      rank[b.kind] - rank[a.kind] ||
      -compareInArchive(a.source, b.source) ||
      (a.km < b.km ? -1 : a.km > b.km ? 1 : 0)
  )
  const seen = new Set<string>()
  const kept: Suggestion[] = []
  for (const suggestion of found) {
    if (seen.has(suggestion.km)) continue
    seen.add(suggestion.km)
    kept.push(suggestion)
    if (kept.length === limit) break
  }
  return kept
}

/** Tokens as CAT tools count them for fuzzy matches: the words between white space, punctuation kept with them. */
export function tokenize(text: string): string[] {
  return text.split(/[\s\u200B]+/u).filter(Boolean)
}

function counts(tokens: readonly string[]): Map<string, number> {
  const map = new Map<string, number>()
  for (const token of tokens) {
    const key = token.toLowerCase()
    map.set(key, (map.get(key) ?? 0) + 1)
  }
  return map
}

/**
 * Levenshtein distance between two token lists (insertions, deletions and
 * substitutions cost 1), with the edit script from `from` to `to`.
 */
export function tokenDiff(from: readonly string[], to: readonly string[]): {distance: number; diff: DiffPart[]} {
  const n = from.length
  const m = to.length
  const width = m + 1
  const cost = new Uint32Array((n + 1) * width)
  for (let i = 0; i <= n; i++) cost[i * width] = i
  for (let j = 0; j <= m; j++) cost[j] = j
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const substitute = cost[(i - 1) * width + j - 1]! + (from[i - 1] === to[j - 1] ? 0 : 1)
      cost[i * width + j] = Math.min(substitute, cost[(i - 1) * width + j]! + 1, cost[i * width + j - 1]! + 1)
    }
  }
  const ops: Array<[DiffPart['op'], string]> = []
  let i = n
  let j = m
  while (i > 0 || j > 0) {
    const here = cost[i * width + j]!
    if (i > 0 && j > 0 && from[i - 1] === to[j - 1] && here === cost[(i - 1) * width + j - 1]) {
      ops.push(['same', from[--i]!])
      j--
    } else if (i > 0 && j > 0 && here === cost[(i - 1) * width + j - 1]! + 1) {
      ops.push(['added', to[--j]!], ['removed', from[--i]!])
    } else if (i > 0 && here === cost[(i - 1) * width + j]! + 1) {
      ops.push(['removed', from[--i]!])
    } else {
      ops.push(['added', to[--j]!])
    }
  }
  ops.reverse()
  // Between two unchanged stretches, the old words, then the new ones.
  const parts: DiffPart[] = []
  const append = (op: DiffPart['op'], text: string) => {
    const last = parts.at(-1)
    if (last?.op === op) last.text += ` ${text}`
    else parts.push({op, text})
  }
  for (let k = 0; k < ops.length; ) {
    if (ops[k]![0] === 'same') {
      append('same', ops[k++]![1])
      continue
    }
    const run: typeof ops = []
    while (k < ops.length && ops[k]![0] !== 'same') run.push(ops[k++]!)
    for (const [op, text] of run) if (op === 'removed') append(op, text)
    for (const [op, text] of run) if (op === 'added') append(op, text)
  }
  return {distance: cost[n * width + m]!, diff: parts}
}
