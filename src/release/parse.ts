import leven from 'leven'
import type * as Mdast from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {location} from 'vfile-location'
import {isMap, isScalar, parseDocument, visit as visitYaml, type Node as YamlNode} from 'yaml'
import {addMessage} from '../diagnostic/message.js'
import {isCalendarDate, isOffsetDateTime} from './dates.js'
import {decodeSource} from './decode.js'
import {findFrontmatterSlips} from './frontmatter-slips.js'
import {limits, scanLimits} from './limits.js'
import type {
  Block,
  Field,
  Frontmatter,
  Headline,
  Inline,
  Lang,
  ListItem,
  Point,
  Position,
  Release,
  Section
} from './model.js'
import {plainText} from './text.js'

export interface ParsedRelease {
  release: Release
  /** Holds the decoded text and every message the reader raised. */
  file: VFile
  /** True when the body was not read (a limit was passed): the model holds the frontmatter only, and the rules have nothing to check. */
  unread?: boolean
}

// GFM is parsed so that its tables, strikethrough and footnotes are reported
// as unsupported rather than left as stray pipes and tildes in the text.
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml'])

const sectionLabels: Record<string, Lang> = {english: 'en', 'ខ្មែរ': 'km', khmer: 'km'}

/**
 * Reads one release file into the model. Pure: bytes in, model and messages
 * out. Problems the model cannot represent (invalid UTF-8, YAML syntax,
 * unsupported Markdown, stray or repeated sections) become error messages
 * with positions; the model keeps everything that could be read.
 */
export function parseRelease(path: string, bytes: Uint8Array): ParsedRelease {
  if (bytes.byteLength > limits.releaseBytes) return oversizedRelease(path, bytes.byteLength)
  const decoded = decodeSource(bytes)
  const file = new VFile({path, value: decoded.text})
  if (decoded.invalid) {
    const {byteOffset, byte, line, column} = decoded.invalid
    addMessage(file, {
      ruleId: 'encoding',
      severity: 'error',
      reason: `Byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} at byte offset ${byteOffset} is not valid UTF-8; save the file as UTF-8`,
      place: {line, column, offset: 0}
    })
  }
  const text = decoded.text
  const reader = new Reader(file, text)
  const past = scanLimits(text)
  for (const finding of past) {
    addMessage(file, {ruleId: 'limits', severity: 'error', reason: finding.reason, place: reader.point(finding.offset)})
  }
  // Past a limit only the frontmatter is read: the parser's time on the body is not bounded.
  const tree = processor.parse(past.length > 0 ? new VFile({path, value: frontmatterSource(text)}) : file)
  const children = tree.children
  const first = children[0]
  const frontmatter =
    first?.type === 'yaml' ? reader.frontmatter(first) : emptyFrontmatter()
  const body = first?.type === 'yaml' ? children.slice(1) : children
  const {sections, order} = past.length > 0 ? {sections: {}, order: []} : reader.sections(body)
  const release: Release = {
    path,
    frontmatter,
    sections,
    order,
    source: {bom: decoded.bom, lineEnding: /\r\n/.test(text) ? '\r\n' : '\n'}
  }
  return past.length > 0 ? {release, file, unread: true} : {release, file}
}

/**
 * A release file larger than `limits.releaseBytes`, refused by its size
 * alone: its bytes are neither decoded nor parsed (the CLI does not even
 * read them, see `readEntries`).
 */
export function oversizedRelease(path: string, byteLength: number): ParsedRelease {
  const file = new VFile({path, value: ''})
  const megabytes = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`
  addMessage(file, {
    ruleId: 'limits',
    severity: 'error',
    reason: `The file is ${megabytes(byteLength)}; a release is at most ${megabytes(limits.releaseBytes)}: is it the right file?`,
    place: {line: 1, column: 1, offset: 0},
    actual: String(byteLength),
    expected: [String(limits.releaseBytes)]
  })
  const release: Release = {path, frontmatter: emptyFrontmatter(), sections: {}, order: [], source: {bom: false, lineEnding: '\n'}}
  return {release, file, unread: true}
}

/** The text up to the end of the frontmatter's closing `---` line (all of it when there is none). */
function frontmatterSource(text: string): string {
  const close = /^---\r?\n[\s\S]*?\n---[ \t]*(?:\r?\n|$)/.exec(text)
  return close ? close[0] : ''
}

function emptyFrontmatter(): Frontmatter {
  return {position: null, readable: true, fields: {}, ref: null, date: null, embargo: null, draft: false, unreadable: []}
}

class Reader {
  private readonly place: ReturnType<typeof location>

  constructor(
    private readonly file: VFile,
    private readonly text: string
  ) {
    this.place = location(file)
  }

  frontmatter(node: Mdast.Yaml): Frontmatter {
    const position = this.position(node)
    const result: Frontmatter = {...emptyFrontmatter(), position}
    // The YAML sits between the two `---` fences; parse the exact source slice
    // so that YAML offsets map straight back into the file.
    const contentStart = this.text.indexOf('\n', position.start.offset) + 1
    const closing = this.text.lastIndexOf('\n', position.end.offset - 1)
    const source = closing >= contentStart ? this.text.slice(contentStart, closing + 1) : ''
    const doc = parseDocument(source, {uniqueKeys: true, prettyErrors: false})
    if (doc.errors.length > 0) {
      // One slip, one message: the slip in words when a line shows it;
      // otherwise the parser's first error (the others follow from it).
      const slips = findFrontmatterSlips(source, this.pointAt(contentStart).line)
      for (const slip of slips) {
        addMessage(this.file, {
          ruleId: 'frontmatter',
          severity: 'error',
          reason: slip.reason,
          place: {start: this.pointAt(contentStart + slip.start), end: this.pointAt(contentStart + slip.end)}
        })
      }
      const error = doc.errors[0]!
      if (slips.length === 0) {
        addMessage(this.file, {
          ruleId: 'frontmatter',
          severity: 'error',
          reason: `YAML syntax error: ${firstLine(error.message)}; fix the frontmatter between the \`---\` lines`,
          place: this.pointAt(contentStart + yamlErrorOffset(source, error.code, error.pos[0]))
        })
      }
      return {...result, readable: false}
    }
    // An alias (`*a`) stands for a value written elsewhere: the frontmatter's few values are written out.
    const aliases: YamlNode[] = []
    visitYaml(doc, {Alias: (_key, node) => void aliases.push(node)})
    for (const alias of aliases) {
      addMessage(this.file, {
        ruleId: 'frontmatter',
        severity: 'error',
        reason: `YAML alias \`${String(alias.toString()).slice(0, 40)}\` in the frontmatter; write the value itself, e.g. \`ref: No. 10 PR-26/EoJ\``,
        place: this.rangePosition(contentStart, alias.range)
      })
    }
    if (aliases.length > 0) return {...result, readable: false}
    if (doc.contents === null) return result
    if (!isMap(doc.contents)) {
      addMessage(this.file, {
        ruleId: 'frontmatter',
        severity: 'error',
        reason: 'Frontmatter is not a list of `key: value` lines; write e.g. `ref: No. 10 PR-26/EoJ`',
        place: this.rangePosition(contentStart, doc.contents.range)
      })
      return {...result, readable: false}
    }
    for (const pair of doc.contents.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key)
      const valueNode = (pair.value ?? pair.key) as YamlNode
      const field: Field<unknown> = {
        value: isScalar(pair.value) ? pair.value.value : (pair.value as YamlNode | null)?.toJSON() ?? null,
        position: this.rangePosition(contentStart, valueNode.range ?? (pair.key as YamlNode).range),
        keyPosition: this.rangePosition(contentStart, (pair.key as YamlNode).range)
      }
      result.fields[key] = field
    }
    const {ref, date, embargo, draft} = result.fields
    if (typeof ref?.value === 'string' && ref.value.trim() !== '') result.ref = ref.value
    if (typeof date?.value === 'string' && isCalendarDate(date.value)) result.date = date.value
    if (typeof embargo?.value === 'string' && isOffsetDateTime(embargo.value)) result.embargo = embargo.value
    if (draft?.value === true) result.draft = true
    result.unreadable = Object.keys(result.fields).filter((key) =>
      key === 'draft' ? typeof draft!.value !== 'boolean' : key === 'embargo' ? result.embargo === null : looksLikePublicationKey(key)
    )
    return result
  }

  sections(nodes: Mdast.RootContent[]): {sections: Partial<Record<Lang, Section>>; order: Lang[]} {
    const sections: Partial<Record<Lang, Section>> = {}
    const order: Lang[] = []
    let current: Section | null = null
    // After a heading that starts no section (unknown or repeated), its text
    // is skipped: the heading's message covers it.
    let skipping = false
    let reportedStray = false
    for (const node of nodes) {
      if (node.type === 'heading' && node.depth === 1) {
        const label = plainText(this.inlines(node.children)).trim()
        const lang = sectionLabels[label.toLowerCase()]
        if (!lang) {
          addMessage(this.file, {
            ruleId: 'language-sections',
            severity: 'error',
            reason: `Unknown section \`# ${label}\`; the two sections are \`# English\` and \`# ខ្មែរ\``,
            place: this.position(node),
            actual: label,
            expected: ['English', 'ខ្មែរ']
          })
          current = null
          skipping = true
          continue
        }
        if (sections[lang]) {
          addMessage(this.file, {
            ruleId: 'language-sections',
            severity: 'error',
            reason: `Second \`# ${label}\` section; each language is written once (first at line ${sections[lang].headingPosition.start.line})`,
            place: this.position(node)
          })
          current = null
          skipping = true
          continue
        }
        skipping = false
        current = {
          lang,
          label,
          headingPosition: this.position(node),
          headline: null,
          blocks: [],
          position: this.position(node)
        }
        sections[lang] = current
        order.push(lang)
        continue
      }
      if (!current) {
        if (skipping || reportedStray) continue
        reportedStray = true
        addMessage(this.file, {
          ruleId: 'language-sections',
          severity: 'error',
          reason: 'Text outside the language sections; move it under `# English` or `# ខ្មែរ`',
          place: this.position(node)
        })
        continue
      }
      current.position = {start: current.position.start, end: this.position(node).end}
      if (node.type === 'heading' && node.depth === 2) {
        if (current.headline) {
          addMessage(this.file, {
            ruleId: 'markdown',
            severity: 'error',
            reason: `A section has one \`##\` headline (line ${current.headline.position.start.line}); use \`###\` for subheads`,
            place: this.position(node)
          })
          continue
        }
        if (current.blocks.length > 0) {
          addMessage(this.file, {
            ruleId: 'language-sections',
            severity: 'error',
            reason: 'The `##` headline must come first in its section; move it above the text',
            place: this.position(node)
          })
        }
        const children = this.inlines(node.children)
        const headline: Headline = {
          children,
          text: plainText(children).replace(/\s+/g, ' ').trim(),
          position: this.position(node)
        }
        current.headline = headline
        continue
      }
      const block = this.block(node)
      if (block) current.blocks.push(block)
    }
    return {sections, order}
  }

  private block(node: Mdast.RootContent): Block | null {
    const position = this.position(node)
    switch (node.type) {
      case 'paragraph': {
        const length = position.end.offset - position.start.offset
        if (length > limits.paragraphChars) {
          addMessage(this.file, {
            ruleId: 'limits',
            severity: 'error',
            reason: `This paragraph is ${length} characters long; a paragraph holds at most ${limits.paragraphChars}: split it`,
            place: position.start,
            actual: String(length),
            expected: [String(limits.paragraphChars)]
          })
        }
        const children = this.inlines(node.children)
        // A paragraph that held only refused content (an image) is gone with it.
        return children.length === 0 && node.children.length > 0 ? null : {type: 'paragraph', children, position}
      }
      case 'heading':
        if (node.depth === 3) return {type: 'heading', depth: 3, children: this.inlines(node.children), position}
        this.unsupported(node, `A level-${node.depth} heading is not part of a release; use \`###\` for subheads`)
        return null
      case 'list':
        return {
          type: 'list',
          ordered: node.ordered === true,
          start: node.ordered ? (node.start ?? 1) : null,
          items: node.children.map((item) => this.listItem(item)),
          position
        }
      case 'blockquote':
        return {type: 'quote', children: this.blocks(node.children), position}
      default:
        this.unsupported(node, unsupportedReason(node.type))
        return null
    }
  }

  private blocks(nodes: Mdast.RootContent[]): Block[] {
    const blocks: Block[] = []
    for (const node of nodes) {
      const block = this.block(node)
      if (block) blocks.push(block)
    }
    return blocks
  }

  private listItem(item: Mdast.ListItem): ListItem {
    if (typeof item.checked === 'boolean') {
      this.unsupported(item, 'Task list items are not part of a release; write a plain list item')
    }
    return {children: this.blocks(item.children), position: this.position(item)}
  }

  private inlines(nodes: Mdast.PhrasingContent[]): Inline[] {
    const inlines: Inline[] = []
    for (const node of nodes) {
      const position = this.position(node)
      switch (node.type) {
        case 'text':
          inlines.push({type: 'text', value: node.value.replace(/\r\n?/g, '\n'), position})
          break
        case 'emphasis':
          inlines.push({type: 'emphasis', children: this.inlines(node.children), position})
          break
        case 'strong':
          inlines.push({type: 'strong', children: this.inlines(node.children), position})
          break
        case 'link':
          inlines.push({
            type: 'link',
            url: node.url,
            title: node.title ?? null,
            children: this.inlines(node.children),
            position
          })
          break
        case 'break':
          inlines.push({type: 'break', position})
          break
        default:
          this.unsupported(node, unsupportedReason(node.type))
      }
    }
    return inlines
  }

  private unsupported(node: Mdast.Node, reason: string) {
    addMessage(this.file, {ruleId: 'markdown', severity: 'error', reason, place: this.position(node)})
  }

  private position(node: Mdast.Node): Position {
    const p = node.position
    if (!p) return {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 1, offset: 0}}
    return {
      start: {line: p.start.line, column: p.start.column, offset: p.start.offset ?? 0},
      end: {line: p.end.line, column: p.end.column, offset: p.end.offset ?? 0}
    }
  }

  point(offset: number): Point {
    return this.pointAt(offset)
  }

  private pointAt(offset: number): Point {
    const point = this.place.toPoint(offset)
    if (!point) return {line: 1, column: 1, offset: 0}
    return {line: point.line, column: point.column, offset}
  }

  private rangePosition(base: number, range: readonly number[] | null | undefined): Position {
    const [start = 0, end = start] = range ?? []
    return {start: this.pointAt(base + start), end: this.pointAt(base + end)}
  }
}

function unsupportedReason(type: string): string {
  switch (type) {
    case 'html':
      return 'Raw HTML is not allowed in a release; write the text in Markdown'
    case 'image':
    case 'imageReference':
      return 'Images are not part of a release; remove the image'
    case 'code':
      return 'Code blocks are not part of a release; write the text as a paragraph'
    case 'inlineCode':
      return 'Inline code is not part of a release; write it as plain text'
    case 'thematicBreak':
      return 'Horizontal rules are not part of a release; remove the `---`/`***` line'
    case 'table':
      return 'Tables are not part of a release; write the rows as a list'
    case 'delete':
      return 'Strikethrough is not part of a release; delete the text instead'
    case 'footnoteReference':
    case 'footnoteDefinition':
      return 'Footnotes are not part of a release; write the note as a sentence'
    case 'linkReference':
    case 'definition':
      return 'Reference-style links are not supported; write the link inline as `[text](https://…)`'
    case 'yaml':
      return 'Frontmatter must be at the very top of the file; move the `---` block to line 1'
    default:
      return `Markdown \`${type}\` is not part of a release; remove it`
  }
}

/**
 * The YAML parser reports an unclosed quote or bracket where it gave up
 * looking, often the end of the frontmatter; point at the opener instead,
 * which is where the writer has to look.
 */
function yamlErrorOffset(source: string, code: string, offset: number): number {
  if (code !== 'MISSING_CHAR' && code !== 'BAD_INDENT') return offset
  const open: number[] = []
  let quote: string | null = null
  for (let i = 0; i < offset && i < source.length; i++) {
    const c = source[i]!
    if (quote) {
      if (c === quote) {
        quote = null
        open.pop()
      }
    } else if (c === '"' || c === "'") {
      // A quote opens a string only at the start of a value.
      if (/(^|[:[{,]\s*|^\s*-\s+)$/.test(source.slice(source.lastIndexOf('\n', i - 1) + 1, i))) {
        quote = c
        open.push(i)
      }
    } else if (c === '[' || c === '{') {
      open.push(i)
    } else if ((c === ']' || c === '}') && open.length > 0) {
      open.pop()
    } else if (c === '#' && /\s/.test(source[i - 1] ?? ' ')) {
      i = source.indexOf('\n', i)
      if (i === -1) break
    }
  }
  return open.at(-1) ?? offset
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '')
}

/**
 * An unknown key a writer may have meant as `draft` or `embargo`: the same
 * word in other case or with more around it (`Embargo`, `embargo-until`,
 * `is_draft`), or a slip of a letter or two (`embrago`, `darft`).
 */
function looksLikePublicationKey(key: string): boolean {
  if (key === 'ref' || key === 'date') return false
  const word = key.toLowerCase().replace(/[^a-z]/g, '')
  return ['draft', 'embargo'].some((name) => word.includes(name) || leven(word, name) <= 2)
}

