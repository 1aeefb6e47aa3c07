import {langs, type Frontmatter, type Lang, type Release, type Section} from './model.js'
import {sectionUnits} from './pairing.js'

/**
 * What stays known of a release once its model is dropped: enough for the
 * rules that compare releases and for the pages that list them (index
 * pages, sitemap, catalogue). A build holds one per release; the models
 * themselves are read again only for the few releases it renders.
 */
export interface ReleaseSummary {
  path: string
  frontmatter: Frontmatter
  /** Per language the release has: its headline and a description (the first paragraph, cut). */
  sections: Partial<Record<Lang, {headline: string; description: string}>>
}

/** Longest description; search engines cut meta descriptions around 155–160 characters. */
const descriptionLength = 160

export function summarizeRelease(release: Release): ReleaseSummary {
  const sections: ReleaseSummary['sections'] = {}
  for (const lang of langs) {
    const section = release.sections[lang]
    if (section) sections[lang] = {headline: section.headline?.text.trim() ?? '', description: describeSection(section)}
  }
  return {path: release.path, frontmatter: release.frontmatter, sections}
}

/** The first paragraph, cut to a meta description's length at a space. */
export function describeSection(section: Section): string {
  const units = sectionUnits(section)
  const first = units.find((unit) => unit.kind === 'paragraph') ?? units[0]
  const text = (first?.text ?? section.headline?.text ?? '').replace(/\s+/g, ' ').trim()
  return truncate(text, descriptionLength)
}

/**
 * Cuts text to at most `max` characters plus an ellipsis: at the last space
 * when there is one in the second half, else between Khmer clusters (never
 * after a coeng or before a dependent vowel or sign).
 */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text)
  if (chars.length <= max) return text
  let cut = max
  const space = chars.lastIndexOf(' ', max)
  if (space > max / 2) {
    cut = space
  } else {
    const mark = /[\u17B6-\u17D1\u17D3\u17DD\u0300-\u036F\u200C\u200D]/u
    while (cut > 0 && (mark.test(chars[cut]!) || chars[cut - 1] === '\u17D2')) cut--
  }
  return `${chars.slice(0, cut).join('').trimEnd()}…`
}
