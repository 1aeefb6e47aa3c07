import path from 'node:path'
import {sourceOf, type CheckEntry} from '../check/index.js'
import type {Config} from '../config/model.js'
import {loadMemory, memoryFileName} from '../memory/file.js'
import {indexMemory, type MemoryIndex} from '../memory/lookup.js'
import type {Memory} from '../memory/memory.js'
import {previewSuggestions, type PreviewSuggestions, type SuggestionLinks} from './suggestions.js'

/**
 * The preview server's translation memory: read once from the build's
 * `out/.pressroom/memory.json` when there is one, then brought up to date
 * by each re-check (only changed releases are aligned again). The preview
 * never writes it.
 */
export interface PreviewMemory {
  /** The memory to give the next check: the one kept, else the build's, else null. */
  previous(root: string): Promise<Memory | null>
  /** Keeps the memory a check returned; the index is made again when a page asks. */
  set(memory: Memory | null, config: Config): void
  /** The suggestions of one release's page, linking to the pages by their names. */
  suggestionsFor(entry: CheckEntry, pages: ReadonlyMap<string, CheckEntry>): {found: PreviewSuggestions; links: SuggestionLinks} | undefined
}

export function createPreviewMemory(log: (line: string) => void = () => {}): PreviewMemory {
  let memory: Memory | null = null
  let config: Config | null = null
  let index: MemoryIndex | null = null
  let loaded = false
  return {
    async previous(root) {
      if (memory || loaded) return memory
      loaded = true
      const file = path.join(root, 'out', memoryFileName)
      const result = await loadMemory(file)
      if (result.problem) log(result.problem)
      return result.memory
    },
    set(next, nextConfig) {
      memory = next
      config = nextConfig
      index = null
    },
    suggestionsFor(entry, pages) {
      if (!memory || !config) return undefined
      index ??= indexMemory(memory, {glossary: config.glossary, khmerDigits: config.khmerDigits})
      const names = new Map([...pages].map(([name, page]) => [page.release.path, name]))
      return {
        found: previewSuggestions(entry.release, sourceOf(entry), index),
        links: {href: (releasePath) => (names.has(releasePath) ? `${encodeURIComponent(names.get(releasePath)!)}.html` : null)}
      }
    }
  }
}
