import type {Element, ElementContent, Properties, Root, RootContent} from 'hast'
import rehypeParse from 'rehype-parse'
import {unified} from 'unified'

/**
 * Templates are plain HTML files an office can restyle: the site's pages,
 * the preview and the e-mail share this one syntax. They hold
 * placeholders, filled in the parsed tree (never by string pasting, so no
 * value can break out of its text or attribute):
 *
 * - `{{name}}` in text or in an attribute value is replaced by text, or,
 *   in text, by content (the article, the list of releases);
 * - an element with `data-if="name"` is left out when the value is empty;
 * - a `<link>` or `<meta>` whose attribute became empty is left out (a
 *   canonical URL when the config has no `site.baseUrl`).
 *
 * Text inside `<head>` is moved to the body by the HTML parser, so `<head>`
 * takes placeholders in attributes and `<title>` only.
 */
export interface Template {
  /** Where the template was read from, for messages. */
  path: string
  tree: Root
}

export type TemplateValue = string | readonly ElementContent[]

export type TemplateValues = Readonly<Record<string, TemplateValue>>

export class TemplateError extends Error {
  constructor(
    readonly path: string,
    reason: string
  ) {
    super(`${path}: ${reason}`)
    this.name = 'TemplateError'
  }
}

const processor = unified().use(rehypeParse)

const placeholder = /\{\{\s*([A-Za-z][\w.-]*)\s*\}\}/g

export function parseTemplate(path: string, html: string): Template {
  return {path, tree: processor.parse(html.replace(/^\uFEFF/, ''))}
}

/** The names a template uses: in `{{name}}` (text and attribute values) and in `data-if`. */
export function placeholderNames(template: Template): Set<string> {
  const names = new Set<string>()
  const collect = (text: string) => {
    for (const match of text.matchAll(placeholder)) names.add(match[1]!)
  }
  const walk = (nodes: readonly RootContent[]) => {
    for (const node of nodes) {
      if (node.type === 'text') collect(node.value)
      if (node.type !== 'element') continue
      for (const [key, value] of Object.entries(node.properties)) {
        if (key === 'dataIf') names.add(String(value))
        else for (const item of Array.isArray(value) ? value : [value]) if (typeof item === 'string') collect(item)
      }
      walk(node.children)
    }
  }
  walk(template.tree.children)
  return names
}

export function fillTemplate(template: Template, values: TemplateValues): Root {
  const lookup = (name: string): TemplateValue => {
    const value = values[name]
    if (value === undefined) {
      throw new TemplateError(template.path, `unknown placeholder {{${name}}}; known: ${Object.keys(values).sort().join(', ')}`)
    }
    return value
  }
  const fillText = (text: string): string =>
    text.replace(placeholder, (_, name: string) => {
      const value = lookup(name)
      if (typeof value !== 'string') throw new TemplateError(template.path, `{{${name}}} is content and cannot stand in an attribute`)
      return value
    })
  const isEmpty = (value: TemplateValue) => value.length === 0
  // Text between placeholders stays text; a content value is spliced in as nodes.
  const fillTextNode = (text: string): RootContent[] => {
    const out: RootContent[] = []
    let pending = ''
    let at = 0
    for (const match of text.matchAll(placeholder)) {
      pending += text.slice(at, match.index)
      at = match.index + match[0].length
      const value = lookup(match[1]!)
      if (typeof value === 'string') {
        pending += value
        continue
      }
      if (pending.trim() !== '') out.push({type: 'text', value: pending})
      pending = ''
      out.push(...structuredClone(value as ElementContent[]))
    }
    pending += text.slice(at)
    if (pending !== '' && (out.length === 0 || pending.trim() !== '')) out.push({type: 'text', value: pending})
    return out
  }

  const fillNodes = (nodes: readonly RootContent[]): RootContent[] => {
    const out: RootContent[] = []
    for (const node of nodes) {
      if (node.type === 'text') {
        out.push(...fillTextNode(node.value))
      } else if (node.type === 'element') {
        const filled = fillElement(node)
        if (filled) out.push(filled)
      } else {
        out.push(structuredClone(node))
      }
    }
    return out
  }

  const fillElement = (element: Element): Element | null => {
    const condition = element.properties.dataIf
    if (condition !== undefined && isEmpty(lookup(String(condition)))) return null
    const properties: Properties = {}
    let emptied = false
    for (const [key, value] of Object.entries(element.properties)) {
      if (key === 'dataIf') continue
      if (typeof value === 'string') {
        const filled = fillText(value)
        if (filled.trim() === '' && value.trim() !== '') emptied = true
        properties[key] = filled
      } else if (Array.isArray(value)) {
        properties[key] = value.map((item) => (typeof item === 'string' ? fillText(item) : item))
      } else {
        properties[key] = value
      }
    }
    if (emptied && (element.tagName === 'link' || element.tagName === 'meta')) return null
    return {
      type: 'element',
      tagName: element.tagName,
      properties,
      children: fillNodes(element.children) as ElementContent[]
    }
  }

  return {type: 'root', children: fillNodes(template.tree.children)}
}
