import type {Glossary} from '../config/glossary.js'
import {sha256} from '../hash.js'
import type {Point, Release} from '../release/model.js'
import {sectionTextNodes, sourcePoint} from '../release/text.js'
import {comparisonKeys, termHits} from './placeables.js'
import {releaseSegments, type Segment} from './segments.js'

/**
 * The archive as a translation memory: the aligned pairs of every release,
 * each release's kept under a hash of its file so that only a release that
 * changed is aligned again.
 */
export interface Memory {
  /** By the release's path, in the order of `archiveOrder`. */
  releases: ReadonlyMap<string, ReleaseMemory>
}

export interface ReleaseMemory {
  path: string
  /** Of the file's text and of how pairs are made (`memoryFormat`). */
  hash: string
  ref: string | null
  date: string | null
  draft: boolean
  embargo: string | null
  segments: MemorySegment[]
  /** The glossary terms of the English, each with every form the Khmer writes it in. */
  terms: TermUse[]
}

/**
 * A pair as the memory keeps it: with the keys `inconsistent-translation`
 * compares (`comparisonKeys`), worked out once when the release is aligned;
 * null when the sentence is too short to compare.
 */
export interface MemorySegment extends Segment {
  keys: {en: string; km: string} | null
}

/** A glossary term as a release uses it. */
export interface TermUse {
  /** The term's key in the glossary. */
  key: string
  /** As the English writes it. */
  english: string
  /** The Khmer forms, without U+200B, in reading order, each with its first place. */
  forms: Array<{form: string; start: Point; end: Point}>
}

/** Bumped whenever the pairs made from the same text would differ: a stored memory of another format is made again. */
export const memoryFormat = 4

export const emptyMemory: Memory = {releases: new Map()}

/** A release as the check sees it: its model and the file's text. */
export interface MemorySource {
  release: Release
  source: string
}

export interface MemoryUpdate {
  memory: Memory
  /** Paths of the releases aligned again (new or changed). */
  aligned: string[]
  /** How many releases were taken from the previous memory as they were. */
  kept: number
}

/**
 * The memory of these releases: a release whose file is unchanged keeps its
 * pairs from `previous`, the others are aligned again; releases no longer
 * given are dropped.
 */
export function updateMemory(previous: Memory | null, entries: readonly MemorySource[], glossary: Glossary): MemoryUpdate {
  const releases: ReleaseMemory[] = []
  const aligned: string[] = []
  let kept = 0
  for (const {release, source} of entries) {
    const hash = memoryHash(source, glossary)
    const old = previous?.releases.get(release.path)
    if (old && old.hash === hash) {
      kept++
      // The frontmatter is part of the file, so it is unchanged too.
      releases.push(old)
      continue
    }
    aligned.push(release.path)
    releases.push(releaseMemory(release, source, glossary))
  }
  return {memory: memoryOf(releases), aligned, kept}
}

/** A memory of these releases' entries, in the archive's order. */
export function memoryOf(releases: readonly ReleaseMemory[]): Memory {
  return {releases: new Map(archiveOrder(releases).map((entry) => [entry.path, entry]))}
}

/** What a release's entry is kept under: its file's text, the glossary (terms are found with it) and the format. */
export function memoryHash(source: string, glossary: Glossary): string {
  let key = glossaryKeys.get(glossary)
  if (key === undefined) glossaryKeys.set(glossary, (key = JSON.stringify(glossary)))
  return sha256(`pressroom-memory-${memoryFormat}`, key, source)
}

/** Each glossary as JSON, once: a build hashes every release with it. */
const glossaryKeys = new WeakMap<Glossary, string>()

/** One release's entry of the memory: its sentence pairs and the glossary terms it uses. */
export function releaseMemory(release: Release, source: string, glossary: Glossary): ReleaseMemory {
  const {ref, date, draft, embargo} = release.frontmatter
  return {path: release.path, hash: memoryHash(source, glossary), ref, date, draft, embargo, segments: releaseSegments(release, source).map((segment) => ({...segment, keys: comparisonKeys(segment, glossary)})), terms: termUses(release, source, glossary)}
}

/** For each glossary term of the English, every form the Khmer writes it in (without U+200B), each with its first place. */
function termUses(release: Release, source: string, glossary: Glossary): TermUse[] {
  const en = release.sections.en
  const km = release.sections.km
  if (!en || !km) return []
  const hitsIn = (text: string, lang: 'en' | 'km') =>
    termHits(text, lang, glossary)
      .sort((a, b) => a.start - b.start)
      .map((hit) => ({key: hit.key, start: hit.start, end: hit.end, form: text.slice(hit.start, hit.end).replace(/\u200B/g, '')}))
  const inEnglish = new Map<string, string>()
  for (const node of sectionTextNodes(en)) {
    for (const hit of hitsIn(node.value, 'en')) if (!inEnglish.has(hit.key)) inEnglish.set(hit.key, hit.form)
  }
  const written = new Map<string, TermUse['forms']>()
  for (const node of sectionTextNodes(km)) {
    for (const hit of hitsIn(node.value, 'km')) {
      const forms = written.get(hit.key) ?? []
      if (!forms.some((known) => known.form === hit.form)) forms.push({form: hit.form, start: sourcePoint(source, node, hit.start), end: sourcePoint(source, node, hit.end)})
      written.set(hit.key, forms)
    }
  }
  return [...inEnglish].flatMap(([key, english]) => (written.has(key) && !key.startsWith('keep:') ? [{key, english, forms: written.get(key)!}] : []))
}

/** Releases from the oldest: by date, then by path (the number within a year); undated ones last. */
export function archiveOrder<T extends {path: string; date: string | null}>(releases: readonly T[]): T[] {
  return [...releases].sort((a, b) => compareInArchive(a, b))
}

/** Negative when `a` comes before `b` in the archive. */
export function compareInArchive(a: {path: string; date: string | null}, b: {path: string; date: string | null}): number {
  const da = a.date ?? '\uFFFF'
  const db = b.date ?? '\uFFFF'
  if (da !== db) return da < db ? -1 : 1
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0
}

/** The memory as the JSON text kept on disk. */
export function serializeMemory(memory: Memory): string {
  return `${JSON.stringify({format: memoryFormat, releases: [...memory.releases.values()]})}\n`
}

/**
 * A memory read back from `serializeMemory`'s text; null when the text is
 * not one (another format, or damaged), so that it is made again.
 */
export function parseMemory(text: string): Memory | null {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return null
  }
  if (!isRecord(data) || data.format !== memoryFormat || !Array.isArray(data.releases)) return null
  const releases = new Map<string, ReleaseMemory>()
  for (const entry of data.releases) {
    if (!isReleaseMemory(entry)) return null
    releases.set(entry.path, entry)
  }
  return {releases}
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const nullableString = (value: unknown) => value === null || typeof value === 'string'

function isReleaseMemory(value: unknown): value is ReleaseMemory {
  if (!isRecord(value)) return false
  const {path, hash, ref, date, draft, embargo, segments} = value
  return (
    typeof path === 'string' &&
    typeof hash === 'string' &&
    nullableString(ref) &&
    nullableString(date) &&
    typeof draft === 'boolean' &&
    nullableString(embargo) &&
    Array.isArray(segments) &&
    segments.every(isSegment) &&
    Array.isArray(value.terms)
  )
}

function isSegment(value: unknown): value is MemorySegment {
  if (!isRecord(value) || (value.kind !== 'sentence' && value.kind !== 'unit') || !isSide(value.en) || !isSide(value.km)) return false
  const keys = value.keys
  return keys === null || (isRecord(keys) && typeof keys.en === 'string' && typeof keys.km === 'string')
}

function isSide(value: unknown): boolean {
  if (!isRecord(value)) return false
  const {text, line, column, offset, facts} = value
  return (
    typeof text === 'string' &&
    Number.isInteger(line) &&
    Number.isInteger(column) &&
    Number.isInteger(offset) &&
    Array.isArray(facts) &&
    facts.every(
      (fact) =>
        isRecord(fact) &&
        (fact.kind === 'amount' || fact.kind === 'date' || fact.kind === 'number') &&
        typeof fact.key === 'string' &&
        Number.isInteger(fact.start) &&
        Number.isInteger(fact.end)
    )
  )
}
