/**
 * Recall and precision of a search over Khmer pages, for every Khmer word of
 * two or more clusters that the pages hold.
 *
 * - The words of a page are what ICU's dictionary finds in its text, in the
 *   search form (`khmerWordsOf`). A word of one cluster (និង, នៅ) is left
 *   out: the measure is about finding words inside phrases.
 * - Recall: over every pair of a word and a page it is a word of, the share
 *   whose search returns that page.
 * - Precision: over every page a search returns, the share that holds the
 *   word, anywhere in its text (in the search form). A page holding it only
 *   inside a longer word still counts: what was typed is there.
 */
import {scanClusters} from '../khmer/cluster.js'
import {khmerWordsOf, searchForm} from './terms.js'

export interface MeasuredPage {
  url: string
  /** The text the page shows (headline and body). */
  text: string
}

export interface SearchMeasure {
  /** Distinct words searched. */
  words: number
  /** Pairs of a word and a page it is a word of. */
  expected: number
  found: number
  /** Pages returned, over all searches, and those that hold the word. */
  returned: number
  relevant: number
  recall: number
  precision: number
  /** Some words the search missed, with the page, for a reader to look at. */
  missed: Array<{word: string; url: string}>
}

/** Each Khmer word of two or more clusters, with the pages it is a word of. */
export function khmerWordPages(pages: readonly MeasuredPage[]): Map<string, Set<string>> {
  const words = new Map<string, Set<string>>()
  for (const page of pages) {
    for (const word of khmerWordsOf(page.text)) {
      if (scanClusters(word).clusters.length < 2) continue
      let holders = words.get(word)
      if (!holders) words.set(word, (holders = new Set()))
      holders.add(page.url)
    }
  }
  return words
}

/** Runs `search` for every word (as typed: its search form) and counts. */
export async function measureSearch(pages: readonly MeasuredPage[], search: (word: string) => Promise<string[]>): Promise<SearchMeasure> {
  const forms = new Map(pages.map((page) => [page.url, searchForm(page.text)]))
  const words = khmerWordPages(pages)
  let expected = 0
  let found = 0
  let returned = 0
  let relevant = 0
  const missed: SearchMeasure['missed'] = []
  for (const [word, holders] of words) {
    const results = new Set(await search(word))
    expected += holders.size
    for (const url of holders) {
      if (results.has(url)) found++
      else if (missed.length < 20) missed.push({word, url})
    }
    returned += results.size
    for (const url of results) if (forms.get(url)?.includes(word)) relevant++
  }
  return {
    words: words.size,
    expected,
    found,
    returned,
    relevant,
    recall: expected === 0 ? 1 : found / expected,
    precision: returned === 0 ? 1 : relevant / returned,
    missed
  }
}
