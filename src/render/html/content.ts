import type {Element, ElementContent} from 'hast'
import {h} from 'hastscript'
import {safeSchemes, schemeOf} from '../../release/links.js'
import type {Block, Inline, Section, TextNode} from '../../release/model.js'

export interface ContentOptions {
  /** Heading level of the headline; subheads are one below. */
  headlineLevel?: 1 | 2
  /**
   * Extra properties per block, e.g. `data-unit` for the preview's pairing;
   * called with the block and its list item index when it is a list item.
   */
  blockProperties?: (block: Block, item?: number) => Record<string, string>
  /**
   * How a text node becomes hast, e.g. with facts wrapped in `<mark>` for
   * the preview; default: the text as it is.
   */
  text?: (node: TextNode) => ElementContent[]
}

/**
 * A section's headline and body as hast, built from the model alone (raw
 * HTML is refused by the reader, so none can reach here). Links with unsafe
 * schemes lose their href; the checks report them as errors anyway.
 */
export function sectionContent(section: Section, options: ContentOptions = {}): {headline: Element | null; body: ElementContent[]} {
  const level = options.headlineLevel ?? 1
  const headline = section.headline ? h(`h${level}`, inlineContent(section.headline.children, options)) : null
  return {headline, body: blocksContent(section.blocks, level + 1, options)}
}

export function blocksContent(blocks: readonly Block[], subheadLevel: number, options: ContentOptions = {}): ElementContent[] {
  return blocks.map((block): ElementContent => {
    const properties = options.blockProperties?.(block) ?? {}
    switch (block.type) {
      case 'paragraph':
        return h('p', properties, inlineContent(block.children, options))
      case 'heading':
        return h(`h${Math.min(6, subheadLevel)}`, properties, inlineContent(block.children, options))
      case 'list':
        return h(
          block.ordered ? 'ol' : 'ul',
          {...properties, ...(block.ordered && block.start !== null && block.start !== 1 ? {start: block.start} : {})},
          block.items.map((item, index) =>
            h('li', options.blockProperties?.(block, index) ?? {}, blocksContent(item.children, subheadLevel, options))
          )
        )
      case 'quote':
        return h('blockquote', properties, blocksContent(block.children, subheadLevel, options))
    }
  })
}

export function inlineContent(inlines: readonly Inline[], options: Pick<ContentOptions, 'text'> = {}): ElementContent[] {
  return inlines.flatMap((node): ElementContent[] => {
    switch (node.type) {
      case 'text':
        return options.text ? options.text(node) : [{type: 'text', value: node.value}]
      case 'break':
        return [h('br')]
      case 'emphasis':
        return [h('em', inlineContent(node.children, options))]
      case 'strong':
        return [h('strong', inlineContent(node.children, options))]
      case 'link': {
        const scheme = schemeOf(node.url)
        const safe = scheme !== null && (safeSchemes as readonly string[]).includes(scheme)
        return [h('a', safe ? {href: node.url, ...(node.title ? {title: node.title} : {})} : {}, inlineContent(node.children, options))]
      }
    }
  })
}
