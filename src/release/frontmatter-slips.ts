/**
 * A release's frontmatter is a flat list of `key: value` lines. When its
 * YAML does not parse, the parser's messages describe the consequences (one
 * indented line gives three of them, each naming a YAML token) rather than
 * the slip. These are the slips people make in such a list, found line by
 * line, each with its fix in words.
 */
export interface FrontmatterSlip {
  /** UTF-16 offsets into the frontmatter's text. */
  start: number
  end: number
  reason: string
}

const keyValue = /^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*))?$/

/** The slips of the frontmatter's lines, at most one per line, in order; `firstLine` is the file line of its first line. */
export function findFrontmatterSlips(source: string, firstLine = 1): FrontmatterSlip[] {
  const slips: FrontmatterSlip[] = []
  const seen = new Map<string, number>()
  let offset = 0
  const lines = source.split('\n')
  lines.forEach((raw, i) => {
    const start = offset
    offset += raw.length + 1
    const line = raw.replace(/\r$/, '')
    if (line.trim() === '' || /^\s*#/.test(line)) return
    const content = line.trimStart()
    const indent = line.length - content.length
    const slip = (reason: string, from = indent, to = line.length) => slips.push({start: start + from, end: start + to, reason})
    const lineNumber = firstLine + i
    if (indent > 0) {
      const what = line.startsWith('\t') ? 'a tab' : 'spaces'
      const key = keyValue.exec(content)?.[1]
      slip(`\`${key ?? content}\` starts with ${what}; start it at the beginning of the line, as the other keys`)
      return
    }
    if (/^-\s/.test(content)) {
      slip(`\`${content}\` is written as a list item; write \`${content.replace(/^-\s+/, '')}\` without the \`- \``)
      return
    }
    const pair = keyValue.exec(content)
    if (!pair) {
      const equals = /^([A-Za-z_][\w-]*)\s*=\s*(.*)$/.exec(content)
      const glued = /^([A-Za-z_][\w-]*):(\S.*)$/.exec(content)
      const spaced = /^([A-Za-z_][\w-]*)\s+(.+)$/.exec(content)
      if (equals) slip(`\`${content}\` uses \`=\`; write \`${equals[1]}: ${equals[2]}\``)
      else if (glued) slip(`\`${content}\` has no space after the colon; write \`${glued[1]}: ${glued[2]}\``)
      else if (spaced) slip(`\`${content}\` has no colon after the key; write \`${spaced[1]}: ${spaced[2]}\``)
      else slip(`\`${content}\` is not a \`key: value\` line; write e.g. \`ref: No. 10 PR-26/EoJ\``)
      return
    }
    const [, key, value = ''] = pair
    const first = seen.get(key!)
    if (first !== undefined) {
      slip(`\`${key}\` is written twice (lines ${first} and ${lineNumber}); keep one`, 0, key!.length)
      return
    }
    seen.set(key!, lineNumber)
    const valueStart = line.length - value.length
    const quote = value[0]
    if (quote === '"' || quote === "'") {
      const close = value.indexOf(quote, 1)
      if (close === -1) slip(`The value of \`${key}\` opens a quote ${quote} that is not closed; close it at the end of the line or remove it`, valueStart)
      else if (value.slice(close + 1).trim() !== '' && !/^\s+#/.test(value.slice(close + 1))) {
        slip(`The value of \`${key}\` has text after its closing quote ${quote}; put the whole value in quotes or remove them`, valueStart)
      }
      return
    }
    if (value[0] === '[' || value[0] === '{') {
      slip(`The value of \`${key}\` starts with \`${value[0]}\`, which YAML reads as the start of a list; remove it or put the whole value in quotes`, valueStart)
      return
    }
    if (/:\s/.test(value) || value.endsWith(':')) {
      slip(`The value of \`${key}\` holds \`: \`, which YAML reads as another key; put the value in quotes: \`${key}: "${value}"\``, valueStart)
      return
    }
    if (/^[|>&*!%@`]/.test(value)) {
      slip(`The value of \`${key}\` starts with \`${value[0]}\`, which YAML reads as markup; put the whole value in quotes`, valueStart)
    }
  })
  return slips
}
