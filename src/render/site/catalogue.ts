import {newestFirst, headlineOf, publishedAt, releaseLangs, type SiteContext, type SiteRelease} from './pages.js'
import {absoluteUrl, sitePaths} from './urls.js'

/**
 * `releases.json` on the site: what is published, newest first, for other
 * pages and tools to list. Drafts and embargoed releases are not in it.
 * Paths are relative to the site root; URLs are absolute when the config has
 * a `site.baseUrl`, else null.
 */
export function renderCatalogue(items: readonly SiteRelease[], site: SiteContext): string {
  const base = site.config.site.baseUrl
  const rows = newestFirst(items).map(({summary, identity, pdf}) => {
    const languages = Object.fromEntries(
      releaseLangs(summary).map((lang) => [
        lang,
        {
          headline: headlineOf(summary, lang),
          description: summary.sections[lang]!.description,
          path: sitePaths.release(lang, identity),
          url: absoluteUrl(base, sitePaths.release(lang, identity))
        }
      ])
    )
    return {
      id: identity.id,
      ref: summary.frontmatter.ref,
      date: summary.frontmatter.date,
      published: publishedAt(summary),
      pdf: pdf === null ? null : {path: sitePaths.pdf(identity), url: absoluteUrl(base, sitePaths.pdf(identity)), bytes: pdf.length},
      languages
    }
  })
  return `${JSON.stringify({generator: site.generator, organisation: site.config.organisation, releases: rows}, null, 2)}\n`
}
