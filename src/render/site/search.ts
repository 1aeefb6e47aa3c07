import type {ReleaseIdentity} from '../../release/identity.js'
import type {Release} from '../../release/model.js'
import {sectionUnits} from '../../release/pairing.js'
import {summarizeRelease} from '../../release/summary.js'
import type {SearchRecord} from '../../search/index.js'
import {indexText} from '../../search/terms.js'
import {formatDate, headlineOf, releaseLangs, type SiteContext} from './pages.js'
import {sitePaths} from './urls.js'

/**
 * The search records of a release on the site: one per language. What they
 * hold is all the index depends on.
 */
export function searchRecords(release: Release, identity: ReleaseIdentity, site: SiteContext): SearchRecord[] {
  const summary = summarizeRelease(release)
  const ref = release.frontmatter.ref ?? ''
  const date = release.frontmatter.date ?? ''
  return releaseLangs(release).map((lang) => {
    const text = [headlineOf(summary, lang), ref, ...sectionUnits(release.sections[lang]!).map((unit) => unit.text)].join('\n')
    return {
      url: sitePaths.release(lang, identity),
      language: lang,
      text,
      content: indexText(text),
      meta: {
        title: headlineOf(summary, lang),
        date: date ? formatDate(date, lang, site.config) : '',
        ref,
        // The page's meta description: its first paragraph, cut at 160 characters.
        excerpt: summary.sections[lang]!.description
      }
    }
  })
}
