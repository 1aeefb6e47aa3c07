import type {Element as XastElement, ElementContent as XastContent} from 'xast'
import {x} from 'xastscript'
import type {MemoryIndex} from '../memory/lookup.js'
import {englishPieces, isTranslation} from '../memory/segments.js'
import type {Release} from '../release/model.js'
import {plainText} from '../release/text.js'
import {sourceInline, targetInline, type Code} from './inline.js'
import {releaseSlots, type Slot} from './slots.js'
import {indent, inlineXml, notXmlCharacter, xmlDocument} from './xml.js'

export const xliffNamespace = 'urn:oasis:names:tc:xliff:document:1.2'

/** Marks the alternative that holds the Khmer as it was when the file was made. */
export const previousOrigin = 'pressroom: the Khmer of the release when this file was made'

export class ExportError extends Error {}

export interface XliffExportOptions {
  /** pressroom's version, for the file's header. */
  version: string
  /** The memory, for exact matches from earlier releases as `alt-trans`. */
  index?: MemoryIndex | null
  /** The release's file text, for the sentences looked up in the memory. */
  source: string
}

export interface XliffExport {
  xml: string
  units: number
  /** Units that have a Khmer translation as their target. */
  translated: number
  /** Exact matches offered from the memory. */
  matches: number
}

/**
 * A release as XLIFF 1.2 for a CAT tool: each English headline and unit a
 * `trans-unit` in reading order, its Khmer counterpart (when it is a
 * translation) the `target`, emphasis, strong emphasis and links as `g`
 * and hard line breaks as `x` (never Markdown), the earlier releases'
 * exact translations as `alt-trans`, and the Khmer as it stands as an
 * `alt-trans` of type `previous-version`, so that an import can tell a
 * change in the release since the export from the translator's.
 */
export function exportXliff(release: Release, options: XliffExportOptions): XliffExport {
  const {slots} = releaseSlots(release)
  if (slots.length === 0) throw new ExportError(`${release.path} has no English to translate (no \`# English\` section with a headline or text)`)
  const pieces = options.index ? englishPieces(release, options.source) : []
  const before = {path: release.path, date: release.frontmatter.date}
  let translated = 0
  let matches = 0
  const units = slots.map((slot, i) => {
    const source = sourceInline(slot.en.children)
    checkXml(release, slot, plainText(slot.en.children))
    const children: XastContent[] = [x('source', inlineXml(source.nodes))]
    let target: ReturnType<typeof targetInline> | null = null
    if (slot.km) {
      checkXml(release, slot, plainText(slot.km.children), slot.km.position.start.line)
      target = targetInline(slot.km.children, source.codes)
      if (isTranslation(plainText(slot.km.children))) {
        children.push(x('target', {'xml:lang': 'km', state: 'translated'}, inlineXml(target.nodes)))
        translated++
      }
    }
    children.push(
      x('context-group', {purpose: 'location'}, [
        x('context', {'context-type': 'sourcefile'}, release.path),
        x('context', {'context-type': 'linenumber'}, String(slot.en.position.start.line))
      ])
    )
    const links = [...source.codes, ...(target?.codes ?? [])].filter((code): code is Code & {url: string} => code.kind === 'link' && Boolean(code.url))
    const described = new Set<string>()
    for (const link of links) {
      if (described.has(link.id)) continue
      described.add(link.id)
      children.push(x('note', {from: 'pressroom', annotates: 'source'}, `Tag ${link.id} is a link to ${link.url}`))
    }
    const piece = pieces.find((candidate) => (slot.en.unit ? candidate.unit === slot.en.unit : candidate.unit === null))
    if (piece && options.index) {
      for (const match of exactMatches(piece, options.index, before)) {
        children.push(
          x('alt-trans', {'match-quality': '100', origin: match.origin}, [
            x('source', piece.whole.text),
            x('target', {'xml:lang': 'km'}, match.km)
          ])
        )
        matches++
      }
    }
    if (slot.km && target) {
      children.push(x('alt-trans', {'alt-trans-type': 'previous-version', origin: previousOrigin}, [x('target', {'xml:lang': 'km'}, inlineXml(target.nodes))]))
    }
    return x('trans-unit', {id: String(i + 1), resname: slot.kind, 'xml:space': 'preserve'}, indent(children, 4))
  })
  const file = x(
    'file',
    {original: release.path, 'source-language': 'en', 'target-language': 'km', datatype: 'x-pressroom-release', 'tool-id': 'pressroom'},
    indent([x('header', indent([x('tool', {'tool-id': 'pressroom', 'tool-name': 'pressroom', 'tool-version': options.version})], 3)), x('body', indent(units, 3))], 2)
  )
  const root: XastElement = x('xliff', {version: '1.2', xmlns: xliffNamespace}, indent([file], 1))
  return {xml: xmlDocument(root), units: slots.length, translated, matches}
}

function checkXml(release: Release, slot: Slot, text: string, line = slot.en.position.start.line) {
  const bad = notXmlCharacter(text)
  if (bad) throw new ExportError(`${release.path}:${line}: the character ${bad.codePoint} cannot be written in XML; remove it from the release`)
}

/**
 * Exact translations of a unit from earlier releases: of the whole unit,
 * or, for a unit of several sentences, the exact translations of each
 * sentence joined, when every sentence has one.
 */
function exactMatches(
  piece: ReturnType<typeof englishPieces>[number],
  index: MemoryIndex,
  before: {path: string; date: string | null}
): Array<{km: string; origin: string}> {
  const exact = (query: typeof piece.whole, unitsOnly: boolean) => index.lookup(query, {before, unitsOnly, threshold: 100, limit: 3}).filter((s) => s.kind === 'exact')
  const origin = (s: {source: {path: string; ref: string | null; date: string | null}}) =>
    [s.source.ref, s.source.date].filter(Boolean).join(', ') + ` (${s.source.path})`
  const found = new Map<string, string>()
  for (const match of exact(piece.whole, piece.sentences.length > 1)) found.set(match.km, origin(match))
  if (piece.sentences.length > 1) {
    const each = piece.sentences.map((sentence) => exact(sentence, false)[0])
    if (each.every(Boolean)) {
      const km = each.map((match) => match!.km).join(' ')
      if (!found.has(km)) found.set(km, [...new Set(each.map((match) => origin(match!)))].join('; '))
    }
  }
  return [...found].map(([km, from]) => ({km, origin: from}))
}
