import type {Element, ElementContent} from 'hast'
import {h} from 'hastscript'
import type {Config} from '../config/model.js'
import {formatEnglishDate} from '../facts/render.js'
import type {MemoryIndex, Suggestion} from '../memory/lookup.js'
import {englishPieces} from '../memory/segments.js'
import type {Release} from '../release/model.js'
import type {Unit} from '../release/pairing.js'

/** The earlier translations offered for one English sentence, or for a whole unit. */
export interface SuggestionGroup {
  /** The English sentence looked up; null for the whole unit or headline. */
  sentence: string | null
  suggestions: Suggestion[]
}

/** Per English unit (null: the headline), the groups that found something. */
export type PreviewSuggestions = ReadonlyMap<Unit | null, SuggestionGroup[]>

/**
 * Looks up every English sentence of a release in the memory, and every
 * unit of several sentences as a whole (which only a unit of the memory
 * can match), offering translations from releases before it.
 */
export function previewSuggestions(release: Release, source: string, index: MemoryIndex): PreviewSuggestions {
  const before = {path: release.path, date: release.frontmatter.date}
  const found = new Map<Unit | null, SuggestionGroup[]>()
  for (const piece of englishPieces(release, source)) {
    const groups: SuggestionGroup[] = []
    if (piece.sentences.length > 1) {
      const whole = index.lookup(piece.whole, {before, unitsOnly: true})
      if (whole.length > 0) groups.push({sentence: null, suggestions: whole})
      for (const sentence of piece.sentences) {
        const suggestions = index.lookup(sentence, {before})
        if (suggestions.length > 0) groups.push({sentence: sentence.text, suggestions})
      }
    } else {
      const suggestions = index.lookup(piece.whole, {before})
      if (suggestions.length > 0) groups.push({sentence: null, suggestions})
    }
    if (groups.length > 0) found.set(piece.unit, groups)
  }
  return found
}

export interface SuggestionLinks {
  /** The preview page of a release, by its path; null when it has none. */
  href(path: string): string | null
}

/**
 * The suggestions under an English block: for each, its score and kind,
 * its source release (reference, date, line, a link to its preview), the
 * earlier English with what differs marked (`del`: only in the earlier
 * English, `ins`: only in this one), the Khmer with adapted placeables
 * marked, and a button that copies the Khmer. Nothing here writes the
 * release.
 */
export function renderSuggestions(groups: readonly SuggestionGroup[], config: Config, links: SuggestionLinks): Element {
  const several = groups.length > 1 || groups.some((group) => group.sentence !== null)
  return h('div', {className: ['tm'], lang: 'en'}, [
    h('p', {className: ['tm-title']}, 'Earlier translations'),
    ...groups.map((group) =>
      h('div', {className: ['tm-group']}, [
        ...(several ? [h('p', {className: ['tm-for']}, group.sentence === null ? 'The whole paragraph:' : `“${group.sentence}”`)] : []),
        h('ol', {className: ['tm-list']}, group.suggestions.map((suggestion) => renderSuggestion(suggestion, config, links)))
      ])
    )
  ])
}

function renderSuggestion(suggestion: Suggestion, config: Config, links: SuggestionLinks): Element {
  const {source} = suggestion
  const name = source.ref ?? source.path
  const href = links.href(source.path)
  return h('li', {className: ['suggestion', suggestion.kind], dataScore: String(suggestion.score), dataKind: suggestion.kind, dataSource: source.path}, [
    h('p', {className: ['tm-meta']}, [
      h('span', {className: ['tm-score']}, `${suggestion.score} %`),
      ' ',
      h('span', {className: ['tm-kind']}, suggestion.kind),
      ' · ',
      href ? h('a', {href, className: ['tm-source-link']}, name) : h('span', name),
      source.date ? `, ${formatEnglishDate(source.date)}` : '',
      `, line ${source.line}`,
      ...(suggestion.also > 0 ? [` · also in ${suggestion.also} other release${suggestion.also === 1 ? '' : 's'}`] : [])
    ]),
    h('p', {className: ['tm-english']}, diffContent(suggestion)),
    h('p', {className: ['tm-khmer'], lang: 'km'}, khmerContent(suggestion)),
    ...(suggestion.kind === 'adapted'
      ? [h('p', {className: ['tm-adapted']}, `Adapted: ${suggestion.replaced.map(({from, to}) => `${from} → ${to}`).join('; ')}`)]
      : []),
    h('span', {className: ['tm-copy'], role: 'button', tabIndex: 0, dataCopy: suggestion.km, title: 'Copy this Khmer to the clipboard'}, 'Copy Khmer')
  ])
}

function diffContent(suggestion: Suggestion): ElementContent[] {
  const out: ElementContent[] = []
  suggestion.diff.forEach((part, i) => {
    if (i > 0) out.push({type: 'text', value: ' '})
    if (part.op === 'same') out.push({type: 'text', value: part.text})
    else if (part.op === 'removed') out.push(h('del', {title: 'Only in the earlier English'}, part.text))
    else out.push(h('ins', {title: 'Only in this English'}, part.text))
  })
  return out
}

function khmerContent(suggestion: Suggestion): ElementContent[] {
  const out: ElementContent[] = []
  let at = 0
  for (const {from, to, start, end} of suggestion.replaced) {
    if (start > at) out.push({type: 'text', value: suggestion.km.slice(at, start)})
    out.push(h('mark', {className: ['adapted'], title: `Was ${from}`}, to))
    at = end
  }
  if (at < suggestion.km.length) out.push({type: 'text', value: suggestion.km.slice(at)})
  return out
}
