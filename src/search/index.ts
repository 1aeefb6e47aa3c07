/**
 * The site's search index: Pagefind's bundle (its search script, its
 * WebAssembly and the index files), built with Pagefind's Node API from one
 * custom record per release page rather than from the pages' HTML. The
 * record's text goes through `indexText` (Khmer cut into words), so the
 * pages keep their text as written and carry nothing hidden for the index.
 */
import * as pagefind from 'pagefind'

export interface SearchRecord {
  /** The page's path from the site root, `km/2026/010/`. */
  url: string
  language: 'en' | 'km'
  /** Everything to be found on the page: headline, reference, body. */
  text: string
  /** `text` as the index holds it (`indexText`): made with the release's pages, so that a rebuild does not make it again. */
  content: string
  /** Shown with each result: headline, date as the page writes it, reference, a short excerpt. */
  meta: {title: string; date: string; ref: string; excerpt: string}
}

export interface SearchFile {
  /** Relative to the bundle's folder (`pagefind/` on the site). */
  path: string
  data: Uint8Array
}

/** Files of Pagefind's bundle the site does not use: its ready-made interfaces (the site has its own) and highlighter. */
const unused = /^pagefind-(ui|modular-ui|component-ui|highlight)\./

/** Records sent to Pagefind before waiting for its replies. */
const inFlight = 64

/**
 * Builds the bundle. Records are added in the order given; give them in a
 * stable order and the bundle is the same bytes every time. They are taken
 * from `records` as they are sent, a few dozen at a time.
 */
export async function buildSearchIndex(records: Iterable<SearchRecord>): Promise<SearchFile[]> {
  let created: Awaited<ReturnType<typeof pagefind.createIndex>>
  try {
    created = await pagefind.createIndex({})
  } catch (error) {
    throw new Error(`cannot start Pagefind to build the site's search index: ${(error as Error).message.split('\n')[0]}`, {cause: error})
  }
  const {index, errors} = created
  if (!index) throw new Error(`Pagefind could not create the search index: ${errors.join('; ')}`)
  try {
    // Sent several at a time rather than one reply at a time: Pagefind's
    // service still takes its messages one by one, in the order sent.
    const send = async (batch: readonly SearchRecord[]) => {
      const added = await Promise.all(batch.map((record) => index.addCustomRecord({url: record.url, language: record.language, content: record.content, meta: {...record.meta}})))
      const failed = added.findIndex((result) => result.errors.length > 0)
      if (failed >= 0) throw new Error(`Pagefind could not index ${batch[failed]!.url}: ${added[failed]!.errors.join('; ')}`)
    }
    const batch: SearchRecord[] = []
    for (const record of records) {
      batch.push(record)
      if (batch.length === inFlight) await send(batch.splice(0))
    }
    await send(batch)
    const {files, errors: writeErrors} = await index.getFiles()
    if (writeErrors.length > 0) throw new Error(`Pagefind could not write the search index: ${writeErrors.join('; ')}`)
    return files
      .filter((file) => !unused.test(file.path))
      .map((file) => ({path: file.path, data: new Uint8Array(file.content)}))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  } finally {
    await index.deleteIndex()
  }
}

/** Stops Pagefind's process; the next build starts it again. */
export async function closeSearchIndexer(): Promise<void> {
  await pagefind.close()
}
