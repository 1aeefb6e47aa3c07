import {createHash} from 'node:crypto'
import type {Element, ElementContent, Root} from 'hast'
import {h} from 'hastscript'
import {toHtml} from 'hast-util-to-html'
import type {Config} from '../config/model.js'
import {releaseIdentity} from '../release/identity.js'
import type {Lang, ListBlock, Release} from '../release/model.js'
import {inlineContent} from '../render/html/content.js'
import {sanitizePage} from '../render/html/sanitize.js'
import {fillTemplate, type Template} from '../render/html/template.js'
import {formatDate} from '../render/site/pages.js'
import {placeMessages, previewRows, type PreviewBlock, type PreviewRow} from './blocks.js'
import {characterRules, markedText, previewMarks, type Mark} from './marks.js'
import {previewMessage, type MessageInput, type PreviewMessage} from './messages.js'
import {renderSuggestions, type PreviewSuggestions, type SuggestionLinks} from './suggestions.js'

/**
 * A release with the messages the check added to its file: a `CheckEntry`
 * fits, and so does `{release, file: {messages: lookup.messagesFor(release)}}`.
 */
export interface PreviewEntry {
  release: Release
  /** `value`, the file's text when at hand, maps marks of diagnostics exactly past escapes and entities. */
  file: {messages: readonly MessageInput[]; value?: unknown}
}

/** What every preview page shares; `loadPreviewAssets` reads them. */
export interface PreviewAssets {
  template: Template
  css: string
  script: string
  /** `@font-face` rules for the Khmer font, as data URLs so a preview file stands alone. */
  fontCss: string
}

export interface PreviewOptions {
  assets: PreviewAssets
  /** The clock, for whether an embargo has passed; without it the status names the embargo only. */
  now?: Date
  /** The preview server's event stream and the version the page shows, to reload when it changes. */
  live?: {events: string; version: string}
  /** A link back to the list of previews. */
  home?: string
  /** Earlier translations from the memory, shown under each English block (`previewSuggestions`). */
  suggestions?: {found: PreviewSuggestions; links: SuggestionLinks}
}

const langNames: Record<Lang, string> = {en: 'English', km: 'Khmer'}

/**
 * The translator's preview of one release: English and Khmer side by side,
 * block beside block as `structure-parity` pairs them, each diagnostic
 * beside the block it points into (the rest in the header), and facts and
 * glossary terms highlighted with their twins. Works for any release the
 * reader produced, drafts and broken ones included.
 */
export function renderPreview(entry: PreviewEntry, config: Config, options: PreviewOptions): string {
  const {release} = entry
  const rows = previewRows(release)
  const messages = entry.file.messages.map(previewMessage)
  const issues = messages.flatMap((message) =>
    message.range && characterRules.has(message.ruleId) ? [{...message.range, severity: message.severity, ruleId: message.ruleId, reason: message.reason}] : []
  )
  const marks = previewMarks(release, config, issues, typeof entry.file.value === 'string' ? entry.file.value : null)
  const {byBlock, general} = placeMessages(messages, rows)
  const identity = releaseIdentity(release, config)
  const {errors, warnings} = countMessages(messages)
  const headline = release.sections.en?.headline?.text ?? release.sections.km?.headline?.text ?? release.path
  const name = identity?.id ?? release.frontmatter.ref ?? release.path
  const tree = fillTemplate(options.assets.template, {
    title: `${name} preview — ${headline}`,
    heading: `${name}: ${headline}`,
    path: release.path,
    status: [statusOf(release, errors, options.now)],
    counts: countsOf(errors, warnings),
    'url.home': options.home ?? '',
    general: general.length > 0 ? [h('ul', {className: ['diagnostics', 'general']}, general.map((message) => diagnostic(message, null)))] : [],
    letterhead: [letterheadRow(release, config)],
    rows: rows.map((row) => rowContent(row, byBlock, marks, (block) => suggestionsUnder(block, config, options)))
  })
  return pageHtml(tree, options)
}

function countMessages(messages: readonly PreviewMessage[]) {
  return {
    errors: messages.filter((m) => m.severity === 'error').length,
    warnings: messages.filter((m) => m.severity === 'warning').length
  }
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}

/** `2 errors, 1 warning`, each count in its colour when it is not zero. */
function countsOf(errors: number, warnings: number): ElementContent[] {
  const count = (n: number, word: string, kind: string) => h('span', {className: ['count', kind, ...(n === 0 ? ['none'] : [])]}, plural(n, word))
  return [count(errors, 'error', 'errors'), {type: 'text', value: ', '}, count(warnings, 'warning', 'warnings')]
}

/**
 * What will happen to the release: errors first (a build refuses it), then
 * draft and embargo; "To be published" only when nothing holds it back.
 */
function statusOf(release: Release, errors: number, now: Date | undefined): Element {
  const {draft, embargo} = release.frontmatter
  const parts: string[] = []
  if (errors > 0) parts.push(`Has errors: ${plural(errors, 'error')} to fix before it can be published`)
  if (draft) parts.push('Draft: not published')
  if (embargo) {
    if (!now) parts.push(`Embargo until ${embargo}`)
    else parts.push(Date.parse(embargo) <= now.getTime() ? `Embargo passed (${embargo})` : `Embargoed until ${embargo}`)
  }
  const state = errors > 0 ? 'has-errors' : draft || (embargo && (!now || Date.parse(embargo) > now.getTime())) ? 'held' : 'ready'
  return h('span', {className: ['state', state]}, parts.length > 0 ? parts.join(' · ') : 'To be published')
}

function letterheadRow(release: Release, config: Config): Element {
  const {ref, date} = release.frontmatter
  const cell = (lang: Lang) =>
    h('div', {className: ['cell', 'letterhead'], lang}, [
      h('p', {className: ['organisation']}, config.organisation[lang]),
      h('p', [ref ?? '(no reference)', ' · ', date ? formatDate(date, lang, config) : '(no date)'])
    ])
  return h('div', {className: ['row', 'letterhead-row']}, [cell('en'), cell('km'), h('div', {className: ['notes']})])
}

/** The memory's suggestions under an English block, if it has any. */
function suggestionsUnder(block: PreviewBlock, config: Config, options: PreviewOptions): Element[] {
  const groups = block.lang === 'en' ? options.suggestions?.found.get(block.unit) : undefined
  return groups && groups.length > 0 ? [renderSuggestions(groups, config, options.suggestions!.links)] : []
}

function rowContent(
  row: PreviewRow,
  byBlock: Map<string, PreviewMessage[]>,
  marks: Map<unknown, Mark[]>,
  under: (block: PreviewBlock) => Element[]
): Element {
  const messages = [row.en, row.km].flatMap((block) => (block ? (byBlock.get(block.id) ?? []).map((message) => ({block, message})) : []))
  const cell = (lang: Lang, block: PreviewBlock | null) => {
    if (!block) return h('div', {className: ['cell', 'missing'], lang: 'en', dataLang: lang}, `No ${langNames[lang]} counterpart`)
    const own = byBlock.get(block.id) ?? []
    const worst = own.some((m) => m.severity === 'error') ? 'has-error' : own.some((m) => m.severity === 'warning') ? 'has-warning' : own.length > 0 ? 'has-info' : null
    const {start, end} = block.position
    return h(
      'div',
      {className: ['cell', ...(worst ? [worst] : [])], lang, id: block.id, dataLines: `${start.line}-${end.line}`},
      [h('span', {className: ['line'], title: `Lines ${start.line}–${end.line}`}, String(start.line)), blockContent(block, marks), ...under(block)]
    )
  }
  return h('div', {className: ['row', row.kind], id: `row-${row.index}`}, [
    cell('en', row.en),
    cell('km', row.km),
    h('div', {className: ['notes']}, messages.length > 0 ? [h('ul', {className: ['diagnostics']}, messages.map(({block, message}) => diagnostic(message, block)))] : [])
  ])
}

function blockContent(block: PreviewBlock, marks: Map<unknown, Mark[]>): Element {
  const content = inlineContent(block.children, {text: (node) => markedText(node, marks.get(node))})
  const unit = block.unit
  if (!unit) return h('h2', {className: ['headline']}, content)
  switch (unit.kind) {
    case 'subhead':
      return h('h3', content)
    case 'quote':
      return h('blockquote', [h('p', content)])
    case 'item': {
      const list = unit.block
      if (list.type !== 'list') return h('p', content)
      const index = itemIndex(list).get(unit.position.start.offset) ?? -1
      return list.ordered
        ? h('ol', {start: (list.start ?? 1) + Math.max(0, index)}, [h('li', content)])
        : h('ul', [h('li', content)])
    }
    case 'paragraph':
      return h('p', content)
  }
}

/** Each item of a list by where it starts, so that a list of many items is numbered in one pass. */
function itemIndex(list: ListBlock): Map<number, number> {
  let index = itemIndexes.get(list)
  if (!index) {
    index = new Map(list.items.map((item, i) => [item.position.start.offset, i]))
    itemIndexes.set(list, index)
  }
  return index
}

const itemIndexes = new WeakMap<ListBlock, Map<number, number>>()

/** `Problem; fix` → the problem and the fix, as the messages are written. */
export function splitReason(reason: string): {problem: string; fix: string | null} {
  const at = reason.lastIndexOf('; ')
  return at === -1 ? {problem: reason, fix: null} : {problem: reason.slice(0, at), fix: reason.slice(at + 2)}
}

function diagnostic(message: PreviewMessage, block: PreviewBlock | null): Element {
  const {severity} = message
  const {problem, fix} = splitReason(message.reason)
  const where = message.line ? `${message.line}:${message.column ?? 1}` : ''
  const expected = !fix && message.expected.length > 0 ? `write ${message.expected.join(' or ')}` : null
  return h(
    'li',
    {className: ['diagnostic', severity], dataRule: message.ruleId, ...(block ? {dataBlock: block.id} : {})},
    [
      h('p', {className: ['meta']}, [
        h('span', {className: ['severity']}, severity),
        ' ',
        h('code', {className: ['rule']}, message.ruleId),
        ' ',
        h('span', {className: ['where']}, [block ? `${block.lang === 'en' ? 'EN' : 'KM'} ` : '', where])
      ]),
      h('p', {className: ['reason']}, problem),
      ...(fix ?? expected ? [h('p', {className: ['fix']}, [h('strong', 'Fix: '), (fix ?? expected)!])] : []),
      ...(message.note ? [h('p', {className: ['note']}, message.note)] : [])
    ]
  )
}

/** What stands for the style in the tree, alone in the only `<style>` the page has, until the page is serialized. */
const stylePlaceholder = '/* style */'

/**
 * The page as HTML. The style (about 120 KB, with its fonts) is put in
 * after serializing: each level of the tree copies its children's text
 * into its own, and copying that much ASCII text into a page that holds
 * Khmer costs about a millisecond each time, most of a page's time.
 */
function pageHtml(tree: Root, options: PreviewOptions): string {
  const html = toHtml(finishPage(sanitizePage(tree), options))
  const slot = `<style>${stylePlaceholder}</style>`
  const at = html.indexOf(slot)
  if (at === -1) throw new Error('the preview page lost its style as it was serialized')
  return `${html.slice(0, at)}<style>${previewStyle(options)}</style>${html.slice(at + slot.length)}\n`
}

function previewStyle(options: PreviewOptions): string {
  return `${options.assets.fontCss}\n${options.assets.css}`
}

/**
 * After sanitising: adds the preview's own style and script (from the
 * templates, trusted) with a Content-Security-Policy that allows exactly
 * those, so nothing else on the page could run even if it got through.
 */
function finishPage(tree: Root, options: PreviewOptions): Root {
  const html = tree.children.find((node): node is Element => node.type === 'element' && node.tagName === 'html')
  const head = html?.children.find((node): node is Element => node.type === 'element' && node.tagName === 'head')
  const body = html?.children.find((node): node is Element => node.type === 'element' && node.tagName === 'body')
  if (!head || !body) throw new Error(`${options.assets.template.path}: a preview template needs <head> and <body>`)
  const style = previewStyle(options)
  const script = options.assets.script
  const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`
  const policy = [
    "default-src 'none'",
    `style-src ${hash(style)}`,
    `script-src ${hash(script)}`,
    'font-src data:',
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'"
  ].join('; ')
  const charset = head.children.findIndex((node) => node.type === 'element' && node.tagName === 'meta' && node.properties.charSet !== undefined)
  head.children.splice(charset + 1, 0, h('meta', {httpEquiv: 'Content-Security-Policy', content: policy}), h('style', stylePlaceholder))
  if (options.live) {
    body.properties.dataLiveEvents = options.live.events
    body.properties.dataLiveVersion = options.live.version
  }
  body.children.push(h('script', script))
  return tree
}

/** A page of the preview server that is not a release: the list, a config error, a page not found. */
function renderServerPage(title: string, content: ElementContent[], options: PreviewOptions): string {
  const tree: Root = {
    type: 'root',
    children: [
      {type: 'doctype'},
      h('html', {lang: 'en'}, [
        h('head', [h('meta', {charSet: 'utf-8'}), h('meta', {name: 'viewport', content: 'width=device-width, initial-scale=1'}), h('title', title)]),
        h('body', {className: ['preview', 'server-page']}, [
          h('header', {className: ['preview-header']}, [
            ...(options.home ? [h('nav', {className: ['crumbs']}, [h('a', {href: options.home}, 'All releases')])] : []),
            h('h1', title)
          ]),
          h('main', {className: ['pairs']}, content)
        ])
      ])
    ]
  }
  return pageHtml(tree, options)
}

export interface PreviewListItem {
  /** The page's file name without `.html`. */
  name: string
  entry: PreviewEntry
}

/**
 * The preview server's front page: every release, newest first (by date,
 * then reference number; releases without a readable date last), each with
 * its state and its counts of errors and warnings.
 */
export function renderPreviewList(items: readonly PreviewListItem[], config: Config, options: PreviewOptions): string {
  const sorted = items
    .map((item) => ({item, date: item.entry.release.frontmatter.date, number: releaseIdentity(item.entry.release, config)?.number ?? -1}))
    .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || b.number - a.number || a.item.entry.release.path.localeCompare(b.item.entry.release.path))
  const rows = sorted.map(({item: {name, entry}}) => {
    const {release, file} = entry
    const {errors, warnings} = countMessages(file.messages.map(previewMessage))
    const headline = release.sections.en?.headline?.text ?? release.sections.km?.headline?.text ?? '(no headline)'
    return h('li', {className: ['release', ...(errors > 0 ? ['has-error'] : warnings > 0 ? ['has-warning'] : [])]}, [
      h('a', {href: `${name}.html`}, `${releaseIdentity(release, config)?.id ?? release.path}: ${headline}`),
      ' ',
      h('span', {className: ['facts']}, [
        h('span', {className: ['path']}, release.path),
        ' · ',
        ...(release.frontmatter.date ? [h('time', {dateTime: release.frontmatter.date}, release.frontmatter.date), ' · '] : []),
        statusOf(release, errors, options.now),
        ' · ',
        h('span', {className: ['counts']}, countsOf(errors, warnings))
      ])
    ])
  })
  const content = rows.length > 0 ? [h('ul', {className: ['release-list']}, rows)] : [h('p', 'No releases in releases/ yet; `pressroom new` makes one.')]
  return renderServerPage(`Previews: ${config.organisation.en}`, content, options)
}

/** A page that explains why there is nothing to preview (a config error, an unknown page). */
export function renderPreviewNotice(title: string, lines: readonly string[], options: PreviewOptions): string {
  return renderServerPage(title, lines.length > 0 ? [h('pre', {className: ['notice']}, lines.join('\n'))] : [], options)
}
