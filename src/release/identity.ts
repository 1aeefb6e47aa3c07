import {compileReference, parseReference} from '../config/reference.js'
import type {Config} from '../config/model.js'
import type {Frontmatter, Release} from './model.js'

/** What naming and publishing a release read of it. */
type Named = Pick<Release, 'path' | 'frontmatter'>

export interface ReleaseIdentity {
  year: number
  /** Sequence number from the reference. */
  number: number
  /** `2026-010`: names the PDF and e-mail files. */
  id: string
  /** `2026/010`: the release's folder on the site. */
  sitePath: string
  slug: string
}

/**
 * Names a release by the year of its date and the number of its reference.
 * Null when either is unreadable (the checks have reported why).
 */
export function releaseIdentity(release: Named, config: Config): ReleaseIdentity | null {
  const {ref, date} = release.frontmatter
  if (ref === null || date === null) return null
  const parsed = parseReference(compileReference(config.reference), ref)
  if (!parsed) return null
  const year = Number(date.slice(0, 4))
  const number = String(parsed.n).padStart(3, '0')
  const slug = /\/\d{3,}-([a-z0-9-]+)\.md$/.exec(release.path)?.[1] ?? 'release'
  return {year, number: parsed.n, id: `${year}-${number}`, sitePath: `${year}/${number}`, slug}
}

/**
 * Whether a release may be published at `now`: its frontmatter could be
 * read, it is not a draft, nothing that decides publication is unreadable,
 * and its embargo (if any) has passed. Decided from the model alone, never
 * from how severe a rule is set: a release whose `draft: yes` or
 * `embargo: 2099-01-01` only warns is still held back.
 */
export function isPublished(release: Pick<Release, 'frontmatter'>, now: Date): boolean {
  const {readable, draft, unreadable} = release.frontmatter
  if (!readable || draft || unreadable.length > 0) return false
  const embargo = release.frontmatter.embargo
  return embargo === null || Date.parse(embargo) <= now.getTime()
}

/** A release the site does not show, and why. */
export interface Withheld {
  path: string
  reason: 'draft' | 'embargo' | 'unreadable' | 'not rebuilt'
  /** The embargo, for `embargo`. */
  until?: string
  /** The frontmatter keys that decide publication and cannot be read, for `unreadable`. */
  keys?: string[]
}

/** Why a release that is not published is held back. */
export function withheldFor(file: string, frontmatter: Frontmatter): Withheld {
  if (!frontmatter.readable || frontmatter.unreadable.length > 0) return {path: file, reason: 'unreadable', keys: frontmatter.unreadable}
  if (frontmatter.draft) return {path: file, reason: 'draft'}
  return {path: file, reason: 'embargo', until: frontmatter.embargo ?? ''}
}
