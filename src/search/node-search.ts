/**
 * Pagefind's own search script (the bundle's `pagefind.js` and its
 * WebAssembly) run in Node over a bundle on disk, to measure and test the
 * index exactly as a browser would search it. The script fetches its files;
 * Node's fetch cannot read `file:` URLs, so those are read from disk here.
 */
import {readFile} from 'node:fs/promises'
import {pathToFileURL} from 'node:url'

export interface NodeSearch {
  /** The pages found for a query, as their record URLs, best first. */
  search(query: string): Promise<string[]>
}

let instances = 0

function readFileUrls(): void {
  const original = globalThis.fetch
  if ((original as {fileUrls?: boolean}).fileUrls) return
  const patched = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    if (!url.startsWith('file:')) return original(input, init)
    try {
      return new Response(await readFile(new URL(url)))
    } catch {
      return new Response(null, {status: 404})
    }
  }
  globalThis.fetch = Object.assign(patched, {fileUrls: true})
}

/**
 * Loads the bundle in `folder` (a `pagefind/` folder). Outside a browser
 * Pagefind cannot tell the page's language and searches the language with
 * the most pages: give it a bundle of one language.
 */
export async function loadNodeSearch(folder: string): Promise<NodeSearch> {
  readFileUrls()
  const base = pathToFileURL(folder.endsWith('/') ? folder : `${folder}/`).href
  // A query string makes each bundle its own module instance.
  const pagefind = await import(`${base}pagefind.js?instance=${++instances}`)
  await pagefind.options({basePath: base, baseUrl: '/'})
  const urls = new Map<string, string>()
  return {
    async search(query) {
      const response = await pagefind.search(query)
      const found: string[] = []
      for (const result of response?.results ?? []) {
        let url = urls.get(result.id)
        if (url === undefined) {
          url = ((await result.data()) as {url: string}).url
          urls.set(result.id, url)
        }
        found.push(url)
      }
      return found
    }
  }
}
