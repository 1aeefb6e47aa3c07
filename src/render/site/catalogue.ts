import {newestFirst, describeSection, headlineOf, publishedAt, releaseLangs, type SiteContext, type SiteRelease} from './pages.js'
import {absoluteUrl, sitePaths} from './urls.js'

/**
 * `releases.json` on the site: what is published, newest first, for other
 * pages and tools to list. Drafts and embargoed releases are not in it.
 * Paths are relative to the site root; URLs are absolute when the config has
 * a `site.baseUrl`, else null. Everything but the PDFs' sizes is made at
 * once (while the releases render); the function returned takes the sizes
 * (null for a release without a PDF) and gives the file's text.
 */
export function catalogueOf(items: readonly SiteRelease[], site: SiteContext): (pdfBytes: (id: string) => number | null) => string {
  const base = site.config.site.baseUrl
  const rows = newestFirst(items).map(({release, identity}) => {
    const pdf = {path: sitePaths.pdf(identity), url: absoluteUrl(base, sitePaths.pdf(identity))}
    const languages = Object.fromEntries(
      releaseLangs(release).map((lang) => [
        lang,
        {
          headline: headlineOf(release, lang),
          description: describeSection(release.sections[lang]!),
          path: sitePaths.release(lang, identity),
          url: absoluteUrl(base, sitePaths.release(lang, identity))
        }
      ])
    )
    return (bytes: number | null) => ({
      id: identity.id,
      ref: release.frontmatter.ref,
      date: release.frontmatter.date,
      published: publishedAt(release),
      pdf: bytes === null ? null : {...pdf, bytes},
      languages
    })
  })
  const ids = newestFirst(items).map((item) => item.identity.id)
  return (pdfBytes) => `${JSON.stringify({generator: site.generator, organisation: site.config.organisation, releases: rows.map((row, i) => row(pdfBytes(ids[i]!)))}, null, 2)}\n`
}
