import type {VFile} from 'vfile'
import type {Config, RuleSetting} from '../config/model.js'
import {addMessage, type Severity} from '../diagnostic/message.js'
import type {Release} from '../release/model.js'
import {decodeSource} from '../release/decode.js'
import type {Edit, Finding, Rule} from './rule.js'
import {rules as allRules} from './rules/index.js'

export interface CheckEntry {
  release: Release
  /**
   * Holds the source text (see `sourceOf`); messages are added to it. An
   * entry from the check cache has the file's bytes in `bytes` instead,
   * decoded only when asked for.
   */
  file: VFile
  bytes?: Uint8Array
  /** True when the reader's and per-release rules' messages came from a cache: those rules are not run again. */
  cached?: boolean
  /** Hash of the file and what its checks depend on, when read for a build. */
  hash?: string
}

/** The release file's text: decoded once from an entry's bytes when the cache gave them. */
export function sourceOf(entry: CheckEntry): string {
  if (entry.file.value === undefined && entry.bytes) entry.file.value = decodeSource(entry.bytes).text
  return String(entry.file.value ?? '')
}

/** A fix proposed by a fixable rule, kept with the message it belongs to. */
export interface ProposedFix {
  ruleId: string
  path: string
  edits: Edit[]
}

/**
 * Runs every enabled rule over the releases and adds their findings to each
 * release's file as messages. Returns the fixes fixable rules proposed.
 */
export function checkReleases(entries: readonly CheckEntry[], config: Config, rules: readonly Rule[] = allRules): ProposedFix[] {
  const fixes: ProposedFix[] = []
  const byRelease = new Map(entries.map((entry) => [entry.release, entry]))
  for (const rule of rules) {
    const severity = severityOf(rule, config.rules[rule.id])
    if (!severity) continue
    const report = (entry: CheckEntry, finding: Finding) => {
      const lenient = rule.lenientInDrafts && severity === 'error' && entry.release.frontmatter.draft
      addMessage(entry.file, {ruleId: rule.id, severity: lenient ? 'warning' : severity, ...finding})
      if (finding.fix && finding.fix.length > 0) fixes.push({ruleId: rule.id, path: entry.release.path, edits: finding.fix})
    }
    for (const entry of entries) {
      if (entry.cached) continue
      rule.checkRelease?.(entry.release, {
        config,
        source: sourceOf(entry),
        report: (finding) => report(entry, finding)
      })
    }
    rule.checkProject?.(
      // Rules that compare releases seldom read their text: it is decoded only if they do.
      entries.map((entry) => ({
        release: entry.release,
        get source() {
          return sourceOf(entry)
        }
      })),
      {config, report: (release, finding) => report(byRelease.get(release)!, finding)}
    )
  }
  for (const entry of entries) sortMessages(entry.file)
  return fixes
}

/** Ids of the rules that compare releases, whose messages are never cached. */
export const projectRuleIds: ReadonlySet<string> = new Set(allRules.filter((rule) => rule.checkProject).map((rule) => rule.id))

function severityOf(rule: Rule, setting: RuleSetting | undefined): Severity | null {
  if (setting === 'off') return null
  if (setting === 'warn') return 'warning'
  if (setting === 'error') return 'error'
  return rule.severity
}

function sortMessages(file: VFile) {
  file.messages.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
}
