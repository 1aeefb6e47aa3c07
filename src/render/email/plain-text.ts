/**
 * The text/plain part: both language sections as the release orders them,
 * each under its letterhead lines, then the contact block. Paragraphs are
 * wrapped as format=flowed (see wrap-flowed.ts); lines end in CRLF, the
 * canonical form of text in MIME (RFC 2046 §4.1.1).
 */
import type {Config} from '../../config/model.js'
import {formatEnglishDate, formatKhmerDate} from '../../facts/render.js'
import type {Block, Inline, Lang, Release} from '../../release/model.js'
import {wrapFlowed} from './wrap-flowed.js'

/** A paragraph before wrapping: one hard line, at a quote depth. */
interface TextLine {
  text: string
  quoteDepth: number
}

const blank: TextLine = {text: '', quoteDepth: 0}
const separator: TextLine = {text: '* * *', quoteDepth: 0}

export function renderPlainText(release: Release, config: Config, options: {width?: number} = {}): string {
  const lines: TextLine[] = []
  const push = (...more: TextLine[]) => lines.push(...more)
  const date = release.frontmatter.date
  for (const [index, lang] of release.order.entries()) {
    const section = release.sections[lang]
    if (!section) continue
    if (index > 0) push(blank, separator, blank)
    push(
      ...hardLines(config.organisation[lang], 0),
      ...hardLines(config.title[lang], 0),
      ...(release.frontmatter.ref ? hardLines(release.frontmatter.ref, 0) : []),
      ...(date ? [line(formatDate(date, lang, config))] : []),
      blank
    )
    if (section.headline) push(...hardLines(inlineText(section.headline.children), 0), blank)
    push(...blocksText(section.blocks, 0))
  }
  const contact = contactLines(config)
  if (contact.length > 0) push(blank, separator, blank, ...contact)

  // Blank lines between blocks come from blocksText; drop doubles and a trailing one.
  const tidy = lines.filter((entry, i) => !(isBlank(entry) && (i === 0 || isBlank(lines[i - 1]!))))
  while (tidy.length > 0 && isBlank(tidy.at(-1)!)) tidy.pop()
  return `${tidy.flatMap((entry) => wrapFlowed(entry.text, {width: options.width, quoteDepth: entry.quoteDepth})).join('\r\n')}\r\n`
}

/**
 * The text of inline content as the plain part shows it: soft line breaks
 * of the source read as spaces (as in HTML), hard breaks as line breaks,
 * a link as its text followed by `<url>` (RFC 3986 appendix C).
 */
export function inlineText(inlines: readonly Inline[]): string {
  let text = ''
  for (const node of inlines) {
    switch (node.type) {
      case 'text':
        text += node.value.replace(/[ \t]*\n[ \t]*/gu, ' ')
        break
      case 'break':
        text += '\n'
        break
      case 'emphasis':
      case 'strong':
        text += inlineText(node.children)
        break
      case 'link': {
        const label = inlineText(node.children)
        const bare = node.url.replace(/^mailto:/iu, '')
        text += label === node.url || label === bare ? label : `${label} <${node.url}>`
        break
      }
    }
  }
  return text
}

export function formatDate(iso: string, lang: Lang, config: Config): string {
  return lang === 'en' ? formatEnglishDate(iso) : formatKhmerDate(iso, config.khmerDigits === 'latin' ? 'latin' : 'khmer')
}

function blocksText(blocks: readonly Block[], quoteDepth: number, indent = ''): TextLine[] {
  const out: TextLine[] = []
  for (const block of blocks) {
    switch (block.type) {
      case 'paragraph':
      case 'heading':
        out.push(...hardLines(indent + inlineText(block.children), quoteDepth), {...blank, quoteDepth})
        break
      case 'list':
        for (const [index, item] of block.items.entries()) {
          const marker = block.ordered ? `${(block.start ?? 1) + index}. ` : '- '
          // The marker goes on the item's first line; nested lists are indented.
          const [first, ...rest] = item.children
          if (first?.type === 'paragraph' || first?.type === 'heading') {
            out.push(...hardLines(indent + marker + inlineText(first.children), quoteDepth))
          } else {
            out.push({text: indent + marker.trimEnd(), quoteDepth})
            if (first) out.push(...withoutBlank(blocksText([first], quoteDepth, `${indent}  `)))
          }
          for (const child of rest) out.push(...withoutBlank(blocksText([child], quoteDepth, `${indent}  `)))
        }
        out.push({...blank, quoteDepth})
        break
      case 'quote': {
        const inner = blocksText(block.children, quoteDepth + 1, indent)
        while (inner.length > 0 && isBlank(inner.at(-1)!)) inner.pop()
        out.push(...inner, {...blank, quoteDepth})
        break
      }
    }
  }
  return out
}

/** Splits at line breaks of any kind; other control characters have no place in the text and are dropped. */
function hardLines(text: string, quoteDepth: number): TextLine[] {
  return text
    .split(/\r\n|[\r\n\u0085\u2028\u2029]/u)
    .map((part) => ({text: part.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/gu, ''), quoteDepth}))
}

function withoutBlank(lines: TextLine[]): TextLine[] {
  return lines.filter((entry) => entry.text !== '')
}

function line(text: string): TextLine {
  return {text, quoteDepth: 0}
}

function isBlank(entry: TextLine): boolean {
  return entry.text === ''
}

function contactLines(config: Config): TextLine[] {
  const {contact, organisation} = config
  const details = [
    contact.tel ? `Tel: ${contact.tel}` : null,
    contact.email ? `E-mail: ${contact.email}` : null,
    contact.website ? `Web: ${contact.website}` : null
  ].filter((detail): detail is string => detail !== null)
  if (details.length === 0) return []
  const name = contact.name ?? organisation
  return [`${name.en} / ${name.km}`, ...details].flatMap((text) => hardLines(text, 0))
}
