import type {Nodes as MdastNodes, PhrasingContent} from 'mdast'
import {toMarkdown} from 'mdast-util-to-markdown'
import {hasPlaceholder} from '../memory/segments.js'
import type {Release, Section} from '../release/model.js'
import {parseRelease} from '../release/parse.js'
import {sectionUnits, type Unit} from '../release/pairing.js'
import {plainText} from '../release/text.js'
import {bareText, canonical, hasFormatting, InlineError, phrasingOf, sourceInline, sourcePhrasing, targetInline, toPhrasing, type Phrasing} from './inline.js'
import type {ReadUnit, ReadXliff} from './read.js'
import {releaseSlots, type Block, type Slot} from './slots.js'

export class ImportError extends Error {}

export interface ImportResult {
  /** The release's new text (without a byte order mark; `source.bom` says whether to write one). */
  text: string
  /** Units whose Khmer was replaced. */
  replaced: number
  /** Units whose Khmer was added where there was none. */
  added: number
  /** Units whose target reads as the Khmer already does: left byte for byte. */
  unchanged: number
  /** Units the file has no target for. */
  untranslated: number
  /** Units whose target is the English copied (as CAT tools do for units not translated yet): left as they were. */
  copied: number
  /** Placeholders (TODO …) the new Khmer took the place of. */
  removed: string[]
}

/**
 * Writes the targets of an XLIFF file back into the release's Khmer
 * section. Each trans-unit stands for the English headline or unit at the
 * same place, and its source must still read as that English (formatting
 * and white space aside), or the file is refused as made from another
 * version. A target that reads as the Khmer already does leaves it byte for
 * byte; another replaces the Khmer's text inside its block (markers,
 * indentation and the rest of the file stay), or, where the English has no
 * Khmer counterpart yet, becomes a block of the English's kind after the
 * Khmer of the block before it. The result is read back and compared with
 * what was meant before anything is returned.
 */
export function importXliff(release: Release, source: string, file: ReadXliff): ImportResult {
  let current = {release, source}
  if (!release.sections.km) {
    // A section to write into, at the end of the file.
    const eol = release.source.lineEnding
    const text = `${source}${source.endsWith('\n') || source === '' ? '' : eol}${eol}# ខ្មែរ${eol}`
    current = {release: reread(release.path, text, release.source.bom), source: text}
  }
  const {slots, khmerOnly} = releaseSlots(current.release)
  checkSources(current.release, slots, file.units)
  const result: Omit<ImportResult, 'text'> = {replaced: 0, added: 0, unchanged: 0, untranslated: 0, copied: 0, removed: []}
  const conflicts: string[] = []
  const planned: Array<{slot: Slot; index: number; phrasing: Phrasing[]}> = []
  slots.forEach((slot, index) => {
    const unit = file.units[index]!
    if (!unit.target) {
      result.untranslated++
      return
    }
    const sourceCodes = sourceInline(slot.en.children).codes
    const codes = {source: sourceCodes, target: slot.km ? targetInline(slot.km.children, sourceCodes).codes : []}
    const phrasing = trim(readPhrasing(unit, unit.target, codes))
    const english = phrasingOf(slot.en.children)
    if (!/[\u1780-\u17FF]/u.test(bareText(phrasing)) && bareText(phrasing) === bareText(english)) {
      result.copied++
      return
    }
    const khmer = slot.km ? phrasingOf(slot.km.children) : null
    if (khmer && readsAs(phrasing, khmer)) {
      result.unchanged++
      return
    }
    // The block written into: the Khmer counterpart, or a new one of the English's kind.
    const into = slot.km ? (slot.km.unit?.kind ?? 'headline') : slot.kind
    if ((into === 'headline' || into === 'subhead') && containsBreak(phrasing)) {
      throw new ImportError(`trans-unit ${unit.id}: a heading cannot hold a line break; remove the <x ctype="lb"/> from its target`)
    }
    if (khmer && unit.previous) {
      const previous = readPhrasing(unit, unit.previous, codes)
      if (!readsAs(previous, khmer)) {
        conflicts.push(
          `trans-unit ${unit.id}: the Khmer at line ${slot.km!.position.start.line} was changed in the release after this file was made (it read “${plain(previous)}”, it now reads “${plain(khmer)}”)`
        )
      }
    }
    planned.push({slot, index, phrasing})
  })
  if (conflicts.length > 0) {
    throw new ImportError(
      `${conflicts.join('; ')}; export the release again and translate the new file, or put the new Khmer into this one, so that neither change is lost`
    )
  }
  if (planned.length === 0) return {text: source, ...result}

  const edits = planEdits(current, slots, planned, khmerOnly, result)
  const text = applyEdits(current.source, edits.map((edit) => ({...edit, text: edit.text.replace(/\n/g, current.release.source.lineEnding)})))
  verify(current, text, edits)
  return {text, ...result}
}

function readPhrasing(unit: ReadUnit, nodes: NonNullable<ReadUnit['target']>, codes: Parameters<typeof toPhrasing>[1]): Phrasing[] {
  try {
    return toPhrasing(nodes, codes)
  } catch (error) {
    if (error instanceof InlineError) throw new ImportError(`trans-unit ${unit.id}: ${error.message}; use the tags of its source`)
    throw error
  }
}

/** Two texts read the same: the same formatting and words, or, for a target without any formatting (as PO tools give back), the same words. */
function readsAs(target: readonly Phrasing[], khmer: readonly Phrasing[]): boolean {
  return canonical(target) === canonical(khmer) || (!hasFormatting(target) && bareText(target) === bareText(khmer))
}

function plain(phrasing: readonly Phrasing[]): string {
  return canonical(phrasing).replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&amp;/g, '&')
}

function containsBreak(phrasing: readonly Phrasing[]): boolean {
  return phrasing.some((node) => node.type === 'break' || ('children' in node && containsBreak(node.children)))
}

/** Each trans-unit's source must read as the English at its place; else the file was made from another version. */
function checkSources(release: Release, slots: readonly Slot[], units: readonly ReadUnit[]) {
  const again = `export it again with \`pressroom xliff export ${release.path}\`, translate the new file and import that; nothing was written`
  if (units.length !== slots.length) {
    throw new ImportError(
      `${release.path}: this file has ${units.length} trans-unit${units.length === 1 ? '' : 's'} but the release's English has ${slots.length} headline and block${slots.length === 1 ? '' : 's'}: it was made from another version of the English; ${again}`
    )
  }
  slots.forEach((slot, index) => {
    const unit = units[index]!
    const english = phrasingOf(slot.en.children)
    if (bareText(sourcePhrasing(unit.source)) !== bareText(english)) {
      throw new ImportError(
        `${release.path}:${slot.en.position.start.line}: the English there reads “${plain(english)}” but trans-unit ${unit.id} of this file has “${plain(sourcePhrasing(unit.source))}”: the file was made from another version of the English; ${again}`
      )
    }
  })
}

function trim(phrasing: Phrasing[]): Phrasing[] {
  const copy = structuredClone(phrasing)
  const first = copy[0]
  if (first?.type === 'text') first.value = first.value.replace(/^[\s\u200B]+/, '')
  const last = copy.at(-1)
  if (last?.type === 'text') last.value = last.value.replace(/[\s\u200B]+$/, '')
  return copy.filter((node) => node.type !== 'text' || node.value !== '')
}

interface Edit {
  start: number
  end: number
  text: string
  /** What the Khmer unit written here is, for the check after writing; null for a removal. */
  wrote: {kind: Slot['kind']; phrasing: Phrasing[]; replaces: Block | null} | null
}

function planEdits(
  current: {release: Release; source: string},
  slots: readonly Slot[],
  planned: ReadonlyArray<{slot: Slot; index: number; phrasing: Phrasing[]}>,
  khmerOnly: readonly Unit[],
  result: Omit<ImportResult, 'text'>
): Edit[] {
  const {source} = current
  const km = current.release.sections.km!
  const edits: Edit[] = []
  const byIndex = new Map(planned.map((plan) => [plan.index, plan]))
  // Where the next new block goes: after the Khmer of the block before it.
  let anchor = km.headline ? km.headline.position.end.offset : km.headingPosition.end.offset
  let previous: {slot: Slot; item: boolean; marker: string | null} | null = null
  slots.forEach((slot, index) => {
    const plan = byIndex.get(index)
    if (slot.km) {
      if (plan) {
        edits.push(replaceInline(source, slot, slot.km, plan.phrasing))
        result.replaced++
      }
      anchor = Math.max(anchor, slot.km.position.end.offset)
      previous = {slot, item: slot.km.unit?.kind === 'item', marker: slot.km.unit?.kind === 'item' ? markerAt(source, slot.km.unit) : null}
      return
    }
    if (!plan) return
    const {text, marker} = newBlock(slot, plan.phrasing, previous, source, anchor)
    edits.push({start: anchor, end: anchor, text, wrote: {kind: slot.kind, phrasing: plan.phrasing, replaces: null}})
    result.added++
    previous = {slot, item: slot.kind === 'item', marker}
  })
  for (const unit of khmerOnly) {
    // Only a placeholder gives way; any other Khmer with no English counterpart stays.
    if (!hasPlaceholder(unit.text)) continue
    edits.push({...removal(source, unit), wrote: null})
    result.removed.push(unit.text)
  }
  return edits
}

/** The Khmer's inline text replaced, from its first character to its last, so markers and indentation stay. */
function replaceInline(source: string, slot: Slot, block: Block, phrasing: Phrasing[]): Edit {
  const first = block.children[0]
  const last = block.children.at(-1)
  const wrote = {kind: slot.kind, phrasing, replaces: block}
  if (!first || !last) throw new ImportError(`the Khmer at line ${block.position.start.line} is empty; write something there first`)
  const start = first.position.start.offset
  const lineStart = source.lastIndexOf('\n', start - 1) + 1
  // Continuation lines start as the first does: `  ` in a list item, `> ` in a quote.
  const prefix = source.slice(lineStart, start).replace(/[^>\s]/g, ' ')
  return {start, end: last.position.end.offset, text: markdown(phrasing).split('\n').join(`\n${prefix}`), wrote}
}

/** A new Khmer block of the English's kind: `## ` headline, `### ` subhead, list item, `> ` quote or paragraph. */
function newBlock(
  slot: Slot,
  phrasing: Phrasing[],
  previous: {slot: Slot; item: boolean; marker: string | null} | null,
  source: string,
  anchor: number
): {text: string; marker: string | null} {
  const lines = markdown(phrasing).split('\n')
  const blank = /^\r?\n(?!\r?\n)./s.test(source.slice(anchor)) ? '\n' : ''
  switch (slot.kind) {
    case 'headline':
      return {text: `\n\n## ${lines.join(' ')}${blank}`, marker: null}
    case 'subhead':
      return {text: `\n\n### ${lines.join(' ')}${blank}`, marker: null}
    case 'quote':
      return {text: `\n\n> ${lines.join('\n> ')}${blank}`, marker: null}
    case 'paragraph':
      return {text: `\n\n${lines.join('\n')}${blank}`, marker: null}
    case 'item': {
      const list = slot.en.unit!.block
      const index = list.type === 'list' ? list.items.findIndex((item) => item.position.start.offset === slot.en.unit!.position.start.offset) : 0
      const ordered = list.type === 'list' && list.ordered
      const continues = previous?.item === true && previous.slot.en.unit?.block === list
      const marker = ordered ? `${(list.type === 'list' ? (list.start ?? 1) : 1) + Math.max(0, index)}. ` : continues && previous?.marker ? previous.marker : '- '
      const text = `${continues ? '\n' : '\n\n'}${marker}${lines.join(`\n${' '.repeat(marker.length)}`)}${continues ? '' : blank}`
      return {text, marker}
    }
  }
}

/** The marker of a list item as written (`- `, `* `, `+ `), for items added to the same list. */
function markerAt(source: string, unit: Unit): string | null {
  const match = /^([-*+])[ \t]/.exec(source.slice(unit.position.start.offset, unit.position.start.offset + 2))
  return match ? `${match[1]} ` : null
}

/** A placeholder block and the blank lines before it. */
function removal(source: string, unit: Unit): {start: number; end: number; text: string} {
  const start = unit.position.start.offset
  const end = unit.position.end.offset
  let from = source.lastIndexOf('\n', start - 1) + 1
  while (from > 0 && /\s/.test(source[from - 1]!)) from--
  return {start: from, end, text: ''}
}

/** Inline content as CommonMark, escaped where Markdown would read it otherwise (mdast-util-to-markdown). */
function markdown(phrasing: readonly Phrasing[]): string {
  const tree: MdastNodes = {type: 'paragraph', children: phrasing.map(toMdast)}
  return toMarkdown(tree, {emphasis: '*', strong: '*'})
    .replace(/\n$/, '')
}

function toMdast(node: Phrasing): PhrasingContent {
  switch (node.type) {
    case 'text':
      return {type: 'text', value: node.value.replace(/\n/g, ' ')}
    case 'break':
      return {type: 'break'}
    case 'link':
      return {type: 'link', url: node.url, title: node.title, children: node.children.map(toMdast)}
    default:
      return {type: node.type, children: node.children.map(toMdast)}
  }
}

function applyEdits(text: string, edits: ReadonlyArray<{start: number; end: number; text: string}>): string {
  const ordered = edits.map((edit, i) => ({edit, i})).sort((a, b) => a.edit.start - b.edit.start || a.i - b.i)
  let out = ''
  let at = 0
  for (const {edit} of ordered) {
    if (edit.start < at) throw new ImportError('two changes overlap in the release; nothing was written')
    out += text.slice(at, edit.start) + edit.text
    at = edit.end
  }
  return out + text.slice(at)
}

function reread(path: string, text: string, bom: boolean): Release {
  return parseRelease(path, new TextEncoder().encode(`${bom ? '\uFEFF' : ''}${text}`)).release
}

/**
 * Reads the new text back: the English must be as it was, and the Khmer
 * must be the old blocks with the targets written in, in order, each of its
 * kind. Anything else is a bug to report rather than a file to write.
 */
function verify(current: {release: Release; source: string}, text: string, edits: readonly Edit[]) {
  const parsed = parseRelease(current.release.path, new TextEncoder().encode(`${current.release.source.bom ? '\uFEFF' : ''}${text}`))
  const fail = (what: string): never => {
    throw new ImportError(`the Khmer could not be written back so that it reads as the file says (${what}); nothing was written. Please report this with the file.`)
  }
  const blocking = (messages: typeof parsed.file.messages) => messages.filter((m) => m.fatal === true).map((m) => m.reason)
  const before = blocking(parseRelease(current.release.path, new TextEncoder().encode(current.source)).file.messages)
  const after = blocking(parsed.file.messages)
  const added = after.filter((reason) => !before.includes(reason))
  if (added.length > 0) fail(added[0]!)
  const english = (section: Section | undefined) =>
    section ? [section.headline ? plainText(section.headline.children) : '', ...sectionUnits(section).map((unit) => `${unit.kind}:${unit.text}`)] : []
  if (JSON.stringify(english(parsed.release.sections.en)) !== JSON.stringify(english(current.release.sections.en))) fail('the English changed')
  const khmer = (section: Section | undefined) =>
    section
      ? [
          ...(section.headline ? [{kind: 'headline', at: section.headline.position.start.offset, text: canonical(phrasingOf(section.headline.children))}] : []),
          ...sectionUnits(section).map((unit) => ({kind: unit.kind, at: unit.position.start.offset, text: canonical(phrasingOf(unit.children))}))
        ]
      : []
  // What was meant: the old Khmer blocks, replaced or removed as planned, and the new ones at their places.
  const old = current.release.sections.km!
  const meant: Array<{kind: string; at: number; order: number; text: string}> = []
  const replaced = new Map(edits.flatMap((edit) => (edit.wrote?.replaces ? [[edit.wrote.replaces.position.start.offset, edit.wrote]] : [])))
  const removals = edits.filter((edit) => !edit.wrote)
  for (const block of khmer(old)) {
    if (removals.some((edit) => edit.start <= block.at && block.at < edit.end)) continue
    const wrote = replaced.get(block.at)
    meant.push({kind: block.kind, at: block.at, order: 0, text: wrote ? canonical(wrote.phrasing) : block.text})
  }
  edits.forEach((edit, order) => {
    if (edit.wrote && !edit.wrote.replaces) meant.push({kind: edit.wrote.kind, at: edit.start, order: order + 1, text: canonical(edit.wrote.phrasing)})
  })
  meant.sort((a, b) => a.at - b.at || a.order - b.order)
  const got = khmer(parsed.release.sections.km)
  const show = (list: ReadonlyArray<{kind: string; text: string}>) => list.map((block) => `${block.kind}:${block.text}`)
  const wanted = show(meant)
  const have = show(got)
  if (JSON.stringify(wanted) !== JSON.stringify(have)) {
    const at = wanted.findIndex((entry, i) => entry !== have[i])
    fail(`block ${at + 1} would read ${have[at] ?? 'nothing'} instead of ${wanted[at] ?? 'nothing'}`)
  }
}
