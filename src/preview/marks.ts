import type {ElementContent} from 'hast'
import {h} from 'hastscript'
import type {Config} from '../config/model.js'
import {termMatches} from '../config/glossary.js'
import {extractFacts, type Fact, type FactKind} from '../facts/extract.js'
import {pairFacts} from '../facts/pair.js'
import {describeKey} from '../facts/render.js'
import type {Lang, Release, Section, TextNode} from '../release/model.js'
import {indexPairs} from '../release/pairing.js'
import {sectionTextNodes} from '../release/text.js'

/**
 * A stretch of a text node the preview highlights: a fact (amount, date,
 * figure) or a glossary term. Marks sharing `twin` are the same thing in the
 * two languages; hovering one highlights the others.
 */
export interface Mark {
  /** UTF-16 offsets in the text node's value. */
  start: number
  end: number
  kind: FactKind | 'term'
  twin: string
  /** False when the other language has no counterpart. */
  paired: boolean
  /** What the mark stands for, shown on hover. */
  title: string
}

const factKinds: readonly FactKind[] = ['amount', 'date', 'number']

/**
 * The marks of a release's text nodes, keyed by node. Facts pair as the
 * fact rules pair them (within paired blocks first, see fact-parity.ts);
 * glossary terms pair by term. Marks never overlap: facts win, then longer
 * terms (`Government of Japan` over `Japan`).
 */
export function previewMarks(release: Release, config: Config): Map<TextNode, Mark[]> {
  const en = release.sections.en
  const km = release.sections.km
  const candidates: Array<Mark & {node: TextNode; priority: number}> = []
  if (en && km) {
    const blockOf = factBlocks(en, km)
    const enFacts = extractFacts(en)
    const kmFacts = extractFacts(km)
    for (const kind of factKinds) {
      const {pairs, onlyEn, onlyKm} = pairFacts(enFacts, kmFacts, kind, blockOf)
      pairs.forEach((pair, i) => {
        for (const fact of [pair.en, pair.km]) candidates.push(factMark(fact, `${kind}-${i}`, true))
      })
      onlyEn.forEach((fact, i) => candidates.push(factMark(fact, `${kind}-en-${i}`, false)))
      onlyKm.forEach((fact, i) => candidates.push(factMark(fact, `${kind}-km-${i}`, false)))
    }
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
  candidates.sort((a, b) => a.priority - b.priority)
  for (const {node, priority: _, ...mark} of candidates) {
    const taken = marks.get(node) ?? []
    if (taken.some((other) => mark.start < other.end && other.start < mark.end)) continue
    taken.push(mark)
    marks.set(node, taken)
  }
  for (const list of marks.values()) list.sort((a, b) => a.start - b.start)
  return marks
}

function factMark(fact: Fact, twin: string, paired: boolean): Mark & {node: TextNode; priority: number} {
  const title = `${fact.kind === 'number' ? 'Figure' : fact.kind === 'amount' ? 'Amount' : 'Date'} ${describeKey(fact)}${paired ? '' : ': no counterpart in the other language'}`
  return {node: fact.node, start: fact.index, end: fact.index + fact.text.length, kind: fact.kind, twin, paired, title, priority: 0}
}

function findTerm(nodes: readonly TextNode[], term: string) {
  return nodes.flatMap((node) => [...termMatches(node.value, term)].map((m) => ({node, index: m.index, length: m.text.length})))
}

/** Khmer terms as written, or with coeng Da and coeng Ta swapped (they look the same). */
function findKhmer(nodes: readonly TextNode[], term: string) {
  const forms = new Set([term, term.replace(/\u17D2\u178A/g, '\u17D2\u178F'), term.replace(/\u17D2\u178F/g, '\u17D2\u178A')])
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

/** As the fact rules number blocks (`indexPairs`). */
function factBlocks(en: Section, km: Section): (fact: Fact) => number | null {
  const index = indexPairs(en, km)
  return (fact) => index.pairAt(fact.node.position.start.offset)
}

/** A text node as hast, its marks wrapped in `<mark>`. */
export function markedText(node: TextNode, marks: readonly Mark[] | undefined): ElementContent[] {
  if (!marks || marks.length === 0) return [{type: 'text', value: node.value}]
  const out: ElementContent[] = []
  let at = 0
  for (const mark of marks) {
    if (mark.start > at) out.push({type: 'text', value: node.value.slice(at, mark.start)})
    out.push(
      h(
        'mark',
        {className: [...(mark.kind === 'term' ? ['term'] : ['fact', mark.kind]), ...(mark.paired ? [] : ['unpaired'])], dataTwin: mark.twin, title: mark.title},
        node.value.slice(mark.start, mark.end)
      )
    )
    at = mark.end
  }
  if (at < node.value.length) out.push({type: 'text', value: node.value.slice(at)})
  return out
}
