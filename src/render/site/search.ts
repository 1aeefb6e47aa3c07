import {sectionUnits} from '../../release/pairing.js'
import type {SearchRecord} from '../../search/index.js'
import {describeSection, formatDate, headlineOf, releaseLangs, type SiteContext, type SiteRelease} from './pages.js'
import {sitePaths} from './urls.js'

/**
 * The search records of the releases on the site: one per release and
 * language, in a stable order (the order the index is built in decides its
 * bytes). What they hold is all the index depends on, so a key of them
 * tells whether it must be built again.
 */
export function searchRecords(items: readonly SiteRelease[], site: SiteContext): SearchRecord[] {
  const records: SearchRecord[] = []
  for (const {release, identity} of [...items].sort((a, b) => a.identity.id.localeCompare(b.identity.id))) {
    for (const lang of releaseLangs(release)) {
      const section = release.sections[lang]!
      const ref = release.frontmatter.ref ?? ''
      const date = release.frontmatter.date ?? ''
      const text = [headlineOf(release, lang), ref, ...sectionUnits(section).map((unit) => unit.text)].join('\n')
      records.push({
        url: sitePaths.release(lang, identity),
        language: lang,
        text,
        meta: {
          title: headlineOf(release, lang),
          date: date ? formatDate(date, lang, site.config) : '',
          ref,
          // The page's meta description: its first paragraph, cut at 160 characters.
          excerpt: describeSection(section)
        }
      })
    }
  }
  return records
}

