import {newestFirst, describeSection, headlineOf, publishedAt, releaseLangs, type SiteContext, type SiteRelease} from './pages.js'
import {absoluteUrl, sitePaths} from './urls.js'

/**
 * `releases.json` on the site: what is published, newest first, for other
 * pages and tools to list. Drafts and embargoed releases are not in it.
 * Paths are relative to the site root; URLs are absolute when the config has
 * a `site.baseUrl`, else null.
 */
export function renderCatalogue(items: readonly SiteRelease[], site: SiteContext): string {
  const base = site.config.site.baseUrl
  const releases = newestFirst(items).map(({release, identity, pdf}) => ({
    id: identity.id,
    ref: release.frontmatter.ref,
    date: release.frontmatter.date,
    published: publishedAt(release),
    pdf: pdf ? {path: sitePaths.pdf(identity), url: absoluteUrl(base, sitePaths.pdf(identity)), bytes: pdf.length} : null,
    languages: Object.fromEntries(
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
  }))
  return `${JSON.stringify({generator: site.generator, organisation: site.config.organisation, releases}, null, 2)}\n`
}
