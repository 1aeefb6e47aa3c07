import type {Config} from '../config/model.js'
import type {Memory} from '../memory/memory.js'
import type {Point, Position, Release} from '../release/model.js'

export type DefaultSeverity = 'error' | 'warning'

/** A replacement of source text, in UTF-16 offsets of the decoded file. */
export interface Edit {
  start: number
  end: number
  text: string
}

/** What a rule reports; the runner adds rule id, severity and source. */
export interface Finding {
  /** The problem, then the fix. */
  reason: string
  place: Point | Position | null
  actual?: string
  expected?: string[]
  note?: string
  /** Edits that fix the finding, for rules marked fixable. */
  fix?: Edit[]
}

export interface ReleaseContext {
  config: Config
  /** The decoded text of the release file. */
  source: string
  report(finding: Finding): void
}

/** What rules that compare releases see of each: its path and frontmatter (a build keeps no more of every release). */
export type ProjectRelease = Pick<Release, 'path' | 'frontmatter'>

export interface ProjectContext {
  config: Config
  report(release: ProjectRelease, finding: Finding): void
  /** The archive's translation memory: the sentence pairs and glossary terms of every release. */
  memory: Memory
}

export interface Rule {
  id: string
  /** Severity when `pressroom.yaml` does not set one. */
  severity: DefaultSeverity
  /** One line for `--help` and the README's rule table. */
  summary: string
  fixable: boolean
  /**
   * Its errors are warnings in a release marked `draft: true`: what a draft
   * may lack while it is being written (a translation still to come). A
   * function says which drafts (for rules that check one release at a time).
   */
  lenientInDrafts: boolean | ((release: Release) => boolean)
  /** Checks one release on its own. */
  checkRelease?: (release: Release, context: ReleaseContext) => void
  /** Checks all releases together (duplicates, sequences). */
  checkProject?: (releases: readonly ProjectRelease[], context: ProjectContext) => void
}

/**
 * Declares a rule. A rule reads the model and reports findings; it never
 * sees severity settings, prints or throws (as in unified-lint-rule).
 */
export function defineRule(rule: Omit<Rule, 'fixable' | 'lenientInDrafts'> & {fixable?: boolean; lenientInDrafts?: Rule['lenientInDrafts']}): Rule {
  return {fixable: false, lenientInDrafts: false, ...rule}
}
