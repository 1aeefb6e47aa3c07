import type {ElementContent} from 'hast'
import {h} from 'hastscript'
import type {Config} from '../config/model.js'
import {termMatches} from '../config/glossary.js'
import {extractFacts, type Fact, type FactKind} from '../facts/extract.js'
import {factBlocks, pairFacts} from '../facts/pair.js'
import {describeKey} from '../facts/render.js'
import type {Lang, Release, TextNode} from '../release/model.js'
import {sectionTextNodes, valueIndex} from '../release/text.js'

/**
 * A stretch of a text node the preview highlights: a fact (amount, date,
 * figure) or a glossary term. Marks sharing `twin` are the same thing in the
 * two languages; hovering one highlights the others.
 */
export interface Mark {
  /** UTF-16 offsets in the text node's value. */
  start: number
  end: number
  /** `issue`: the exact characters a spelling or spacing diagnostic is about. */
  kind: FactKind | 'term' | 'issue'
  /** Empty for issues, which have no twin. */
  twin: string
  /** False when the other language has no counterpart. */
  paired: boolean
  /** What the mark stands for, shown on hover. */
  title: string
  /** For issues: the diagnostic's severity and rule. */
  severity?: 'error' | 'warning' | 'info'
  ruleId?: string
}

/** A diagnostic about exact characters of the text, as source offsets. */
export interface Issue {
  start: number
  end: number
  severity: 'error' | 'warning' | 'info'
  ruleId: string
  reason: string
}

/**
 * Rules whose diagnostics are about exact characters (a doubled space, a
 * space before ។, a broken cluster, characters out of order): the preview
 * marks those characters in the text.
 */
export const characterRules: ReadonlySet<string> = new Set(['khmer-spacing', 'khmer-cluster', 'khmer-order', 'khmer-deprecated'])

/**
 * The marks of a release's text nodes, keyed by node. Facts pair as the
 * fact rules pair them (within paired blocks first, see fact-parity.ts);
 * glossary terms pair by term. `issues` (with the file's text, to map
 * their offsets into the text nodes) mark the characters diagnostics are
 * about. Marks never overlap: issues win, then facts, then longer terms
 * (`Government of Japan` over `Japan`).
 */
export function previewMarks(release: Release, config: Config, issues: readonly Issue[] = [], source: string | null = null): Map<TextNode, Mark[]> {
  const en = release.sections.en
  const km = release.sections.km
  const candidates: Array<Mark & {node: TextNode; priority: number}> = issueMarks(release, issues, source)
  if (en && km) {
    const {pairs, onlyEn, onlyKm} = pairFacts(extractFacts(en), extractFacts(km), factBlocks(en, km))
    pairs.forEach((pair, i) => {
      for (const fact of [pair.en, pair.km]) candidates.push(...factMarks(fact, `${pair.en.kind}-${i}`, true))
    })
    onlyEn.forEach((fact, i) => candidates.push(...factMarks(fact, `${fact.kind}-en-${i}`, false)))
    onlyKm.forEach((fact, i) => candidates.push(...factMarks(fact, `${fact.kind}-km-${i}`, false)))
  }
  const enNodes = en ? sectionTextNodes(en) : []
  const kmNodes = km ? sectionTextNodes(km) : []
  const termMarks = (twin: string, title: string, found: Record<Lang, Array<{node: TextNode; index: number; length: number}>>) => {
    const paired = found.en.length > 0 && found.km.length > 0
    for (const hit of [...found.en, ...found.km]) {
      candidates.push({node: hit.node, start: hit.index, end: hit.index + hit.length, kind: 'term', twin, paired, title, priority: 1 / (1 + hit.length)})
    }
  }
  config.glossary.terms.forEach((term, i) => {
    const title = `Glossary: ${term.en.join(' / ')} = ${term.km.join(' / ')}${term.note ? ` (${term.note})` : ''}`
    termMarks(`term-${i}`, title, {
      en: term.en.flatMap((variant) => findTerm(enNodes, variant)),
      km: term.km.flatMap((variant) => findKhmer(kmNodes, variant))
    })
  })
  config.glossary.keep.forEach((keep, i) => {
    termMarks(`keep-${i}`, `Glossary: ${keep} is written the same in both languages`, {
      en: findTerm(enNodes, keep),
      km: findTerm(kmNodes, keep)
    })
  })

  const marks = new Map<TextNode, Mark[]>()
  // By priority, then place, so that the first of two overlapping marks of equal rank wins.
  candidates.sort((a, b) => a.priority - b.priority || a.start - b.start)
  for (const {node, priority: _, ...mark} of candidates) {
    // Kept sorted by start: an overlap can only be with the neighbours of where the mark would go.
    const taken = marks.get(node) ?? []
    let low = 0
    let high = taken.length
    while (low < high) {
      const middle = (low + high) >> 1
      if (taken[middle]!.start < mark.start) low = middle + 1
      else high = middle
    }
    const before = taken[low - 1]
    const after = taken[low]
    if ((before && before.end > mark.start) || (after && after.start < mark.end)) continue
    taken.splice(low, 0, mark)
    marks.set(node, taken)
  }
  return marks
}

/** Marks of the issues that fall inside one text node, found by binary search over the nodes in source order. */
function issueMarks(release: Release, issues: readonly Issue[], source: string | null): Array<Mark & {node: TextNode; priority: number}> {
  const nodes = [release.sections.en, release.sections.km]
    .flatMap((section) => (section ? sectionTextNodes(section) : []))
    .sort((a, b) => a.position.start.offset - b.position.start.offset)
  const out: Array<Mark & {node: TextNode; priority: number}> = []
  for (const issue of issues) {
    let low = 0
    let high = nodes.length
    while (low < high) {
      const middle = (low + high) >> 1
      if (nodes[middle]!.position.start.offset <= issue.start) low = middle + 1
      else high = middle
    }
    const node = nodes[low - 1]
    if (!node || issue.end > node.position.end.offset || issue.end <= issue.start) continue
    const base = node.position.start.offset
    // Without the file's text, only a node written exactly as its value can be mapped.
    const exact = node.position.end.offset - base === node.value.length
    if (!source && !exact) continue
    const start = source ? valueIndex(source, node, issue.start) : issue.start - base
    const end = source ? valueIndex(source, node, issue.end) : issue.end - base
    if (end <= start) continue
    out.push({node, start, end, kind: 'issue', twin: '', paired: true, title: issue.reason, severity: issue.severity, ruleId: issue.ruleId, priority: -1})
  }
  return out
}

/** A fact's marks: one per text node it covers (`**៨៥,០០០** ដុល្លារ` is two), sharing its twin. */
function factMarks(fact: Fact, twin: string, paired: boolean): Array<Mark & {node: TextNode; priority: number}> {
  const title = `${fact.kind === 'number' ? 'Figure' : fact.kind === 'amount' ? 'Amount' : 'Date'} ${describeKey(fact)}${paired ? '' : ': no counterpart in the other language'}`
  return fact.spans.map((span) => ({node: span.node, start: span.start, end: span.end, kind: fact.kind, twin, paired, title, priority: 0}))
}

function findTerm(nodes: readonly TextNode[], term: string) {
  return nodes.flatMap((node) => [...termMatches(node.value, term)].map((m) => ({node, index: m.index, length: m.text.length})))
}

/** Khmer terms as written, or with coeng Da and coeng Ta swapped (they look the same). */
function findKhmer(nodes: readonly TextNode[], term: string) {
  // An empty form would be found at every index without moving on.
  const forms = new Set([term, term.replace(/\u17D2\u178A/g, '\u17D2\u178F'), term.replace(/\u17D2\u178F/g, '\u17D2\u178A')].filter((form) => form !== ''))
  const hits: Array<{node: TextNode; index: number; length: number}> = []
  for (const node of nodes) {
    for (const form of forms) {
      for (let at = node.value.indexOf(form); at !== -1; at = node.value.indexOf(form, at + form.length)) {
        hits.push({node, index: at, length: form.length})
      }
    }
  }
  return hits
}

/** What an invisible stretch holds, shown by the stylesheet: `␣␣` for two spaces, `U+200B` for a zero-width space. */
function showInvisible(text: string): string {
  return [...text].map((char) => (char === ' ' ? '␣' : `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`)).join(' ').replace(/␣ (?=␣)/g, '␣')
}

/** A text node as hast, its marks wrapped in `<mark>`. */
export function markedText(node: TextNode, marks: readonly Mark[] | undefined): ElementContent[] {
  if (!marks || marks.length === 0) return [{type: 'text', value: node.value}]
  const out: ElementContent[] = []
  let at = 0
  for (const mark of marks) {
    if (mark.start > at) out.push({type: 'text', value: node.value.slice(at, mark.start)})
    const text = node.value.slice(mark.start, mark.end)
    if (mark.kind === 'issue') {
      // Spaces and invisible characters are the point: the mark keeps them visible.
      const invisible = /^[\s\u200b-\u200d\u2060\ufeff]*$/.test(text)
      out.push(
        h(
          'mark',
          {className: ['issue', mark.severity ?? 'warning', ...(invisible ? ['invisible'] : [])], dataRule: mark.ruleId, dataShow: invisible ? showInvisible(text) : undefined, title: mark.title},
          text
        )
      )
    } else {
      out.push(
        h(
          'mark',
          {className: [...(mark.kind === 'term' ? ['term'] : ['fact', mark.kind]), ...(mark.paired ? [] : ['unpaired'])], dataTwin: mark.twin, title: mark.title},
          text
        )
      )
    }
    at = mark.end
  }
  if (at < node.value.length) out.push({type: 'text', value: node.value.slice(at)})
  return out
}
