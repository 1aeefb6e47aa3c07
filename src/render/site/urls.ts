import path from 'node:path'
import type {ReleaseIdentity} from '../../release/identity.js'
import type {Lang} from '../../release/model.js'

/**
 * Where pages live on the site. Paths are relative to the site root
 * (`out/site/`), with `/` separators; a page's path is its folder, ending in
 * `/`, and the file is that folder's `index.html`.
 */
export const sitePaths = {
  home: '',
  index: (lang: Lang) => `${lang}/`,
  release: (lang: Lang, identity: ReleaseIdentity) => `${lang}/${identity.sitePath}/`,
  feed: (lang: Lang) => `${lang}/feed.xml`,
  search: (lang: Lang) => `${lang}/search/`,
  card: (lang: Lang, identity: ReleaseIdentity) => `${lang}/${identity.sitePath}/card.png`,
  /** Pagefind's bundle: its search script, WebAssembly and the index. */
  searchBundle: 'pagefind/',
  pdf: (identity: ReleaseIdentity) => `pdf/${identity.id}.pdf`,
  sitemap: 'sitemap.xml',
  catalogue: 'releases.json',
  css: 'assets/site.css',
  assets: 'assets/',
  fontsCss: 'assets/fonts.css',
  fontsDir: 'assets/fonts/'
} as const

/** The file a site path is written to: folders get their `index.html`. */
export function fileOf(sitePath: string): string {
  return sitePath === '' || sitePath.endsWith('/') ? `${sitePath}index.html` : sitePath
}

/** `baseUrl` with the trailing slash URLs are resolved against, or null without one. */
export function normaliseBaseUrl(baseUrl: string | null): string | null {
  if (!baseUrl) return null
  return baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`
}

/** The absolute URL of a site path, or null when the config has no `site.baseUrl`. */
export function absoluteUrl(baseUrl: string | null, sitePath: string): string | null {
  const base = normaliseBaseUrl(baseUrl)
  return base === null ? null : new URL(sitePath, base).href
}

/**
 * A link from the page at `fromPage` (a folder path) to `to`, relative, so
 * the site works wherever it is served from (and from disk).
 */
export function relativeUrl(fromPage: string, to: string): string {
  const from = fromPage.replace(/\/$/, '') || '.'
  const target = to.replace(/\/$/, '') || '.'
  const relative = path.posix.relative(from, target)
  const folder = to === '' || to.endsWith('/')
  if (relative === '') return './'
  return folder ? `${relative}/` : relative
}
