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
 *   word: its text (in the search form) has it as a run of whole clusters.
 *   A page holding it only inside a longer word counts: what was typed is
 *   there.
 * - Recall inside words: the same as recall, over every page that holds the
 *   word as a run of whole clusters, inside a longer word or not (ICU keeps
 *   compounds such as ចុះហត្ថលេខា whole, and ហត្ថលេខា is typed alone).
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
  /** Pairs of a word and a page that holds it anywhere (as whole clusters), and the share found. */
  heldAnywhere: number
  recallAnywhere: number
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
  const held = new Map(pages.map((page) => [page.url, clusterText(page.text)]))
  const holds = (url: string, word: string) => held.get(url)?.holds(word) ?? false
  const words = khmerWordPages(pages)
  let heldAnywhere = 0
  let foundAnywhere = 0
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
    for (const url of results) if (holds(url, word)) relevant++
    for (const page of pages) {
      if (!holds(page.url, word)) continue
      heldAnywhere++
      if (results.has(page.url)) foundAnywhere++
    }
  }
  return {
    words: words.size,
    expected,
    found,
    returned,
    relevant,
    recall: expected === 0 ? 1 : found / expected,
    precision: returned === 0 ? 1 : relevant / returned,
    heldAnywhere,
    recallAnywhere: heldAnywhere === 0 ? 1 : foundAnywhere / heldAnywhere,
    missed
  }
}

/** A text in the search form, and whether it holds a word as a run of whole clusters. */
function clusterText(text: string): {holds(word: string): boolean} {
  const form = searchForm(text)
  const starts = new Set<number>()
  const ends = new Set<number>()
  for (const cluster of scanClusters(form).clusters) {
    starts.add(cluster.start)
    ends.add(cluster.end)
  }
  return {
    holds(word) {
      for (let at = form.indexOf(word); at >= 0; at = form.indexOf(word, at + 1)) {
        if (starts.has(at) && ends.has(at + word.length)) return true
      }
      return false
    }
  }
}
