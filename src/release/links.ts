import type {Inline, LinkNode, Release} from './model.js'
import {sectionsOf} from './text.js'

/** Every link node of a release, headlines included, in reading order. */
export function releaseLinks(release: Release): LinkNode[] {
  const links: LinkNode[] = []
  const visitInline = (nodes: readonly Inline[]) => {
    for (const node of nodes) {
      if (node.type === 'link') links.push(node)
      if (node.type !== 'text' && node.type !== 'break') visitInline(node.children)
    }
  }
  for (const section of sectionsOf(release)) {
    if (section.headline) visitInline(section.headline.children)
    const visitBlocks = (blocks: typeof section.blocks) => {
      for (const block of blocks) {
        if (block.type === 'paragraph' || block.type === 'heading') visitInline(block.children)
        else if (block.type === 'list') for (const item of block.items) visitBlocks(item.children)
        else visitBlocks(block.children)
      }
    }
    visitBlocks(section.blocks)
  }
  return links
}

/** Schemes a release may link to; anything else (javascript:, data:, file:…) is refused. */
export const safeSchemes = ['https:', 'http:', 'mailto:', 'tel:'] as const

export function schemeOf(url: string): string | null {
  return /^([a-z][a-z0-9+.-]*):/i.exec(url.trim())?.[1]?.toLowerCase().concat(':') ?? null
}
