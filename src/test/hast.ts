import type {Element, Root} from 'hast'
import rehypeParse from 'rehype-parse'
import {unified} from 'unified'
import {visit} from 'unist-util-visit'

const parser = unified().use(rehypeParse)

/** Parses HTML as a browser would, for tests that query what a renderer wrote. */
export function parseHtml(html: string): Root {
  return parser.parse(html)
}

/** Every element of a tree (or of parsed HTML) that passes `test`, in document order. */
export function findElements(tree: Root | Element | string, test: (element: Element) => boolean): Element[] {
  const found: Element[] = []
  visit(typeof tree === 'string' ? parseHtml(tree) : tree, 'element', (element: Element) => {
    if (test(element)) found.push(element)
  })
  return found
}

/** The text of an element, as `textContent` gives it. */
export function textOf(element: Element): string {
  let value = ''
  visit(element, 'text', (node: {value: string}) => {
    value += node.value
  })
  return value
}
