import type {VFile} from 'vfile'
import type {Config, RuleSetting} from '../config/model.js'
import {addMessage, type Severity} from '../diagnostic/message.js'
import type {Release} from '../release/model.js'
import type {Edit, Finding, ProjectRelease, Rule} from './rule.js'
import {updateMemory, type Memory} from '../memory/memory.js'
import {rules as allRules} from './rules/index.js'

export interface CheckEntry {
  release: Release
  /** Holds the source text; messages are added to it. */
  file: VFile
  /** True when the reader refused the body (a limit was passed): there is nothing for the per-release rules to check. */
  unread?: boolean
}

/** The release file's text, as the entry holds it. */
export function sourceOf(entry: CheckEntry): string {
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
export function checkReleases(
  entries: readonly CheckEntry[],
  config: Config,
  rules: readonly Rule[] = allRules,
  /** The translation memory of these releases, when the caller keeps one; else it is made here. */
  options: {memory?: Memory} = {}
): ProposedFix[] {
  const fixes = entries.flatMap((entry) => checkRelease(entry, config, rules))
  const memory = options.memory ?? updateMemory(null, entries.map((entry) => ({release: entry.release, source: sourceOf(entry)})), config.glossary).memory
  checkAcross(entries, config, memory, rules)
  for (const entry of entries) sortMessages(entry.file)
  return fixes
}

/** Runs the rules that look at one release at a time. */
export function checkRelease(entry: CheckEntry, config: Config, rules: readonly Rule[] = allRules): ProposedFix[] {
  const fixes: ProposedFix[] = []
  if (entry.unread) return fixes
  for (const rule of rules) {
    const severity = severityOf(rule, config.rules[rule.id])
    if (!severity || !rule.checkRelease) continue
    const {lenientInDrafts} = rule
    const lenient = entry.release.frontmatter.draft && (typeof lenientInDrafts === 'function' ? lenientInDrafts(entry.release) : lenientInDrafts)
    rule.checkRelease(entry.release, {
      config,
      source: String(entry.file.value ?? ''),
      report: (finding) => {
        report(entry.file, rule, severity, finding, lenient)
        if (finding.fix && finding.fix.length > 0) fixes.push({ruleId: rule.id, path: entry.release.path, edits: finding.fix})
      }
    })
  }
  return fixes
}

/**
 * Runs the rules that compare releases (duplicates, sequences, consistent
 * translations); they see each release's path and frontmatter, and the
 * archive's translation memory.
 */
export function checkAcross(entries: ReadonlyArray<{release: ProjectRelease; file: VFile}>, config: Config, memory: Memory, rules: readonly Rule[] = allRules): void {
  const files = new Map(entries.map((entry) => [entry.release, entry.file]))
  for (const rule of rules) {
    const severity = severityOf(rule, config.rules[rule.id])
    if (!severity || !rule.checkProject) continue
    rule.checkProject(
      entries.map((entry) => entry.release),
      {config, memory, report: (release, finding) => report(files.get(release)!, rule, severity, finding, release.frontmatter.draft && rule.lenientInDrafts === true)}
    )
  }
}

/** Ids of the rules that compare releases, whose messages depend on other releases. */
export const projectRuleIds: ReadonlySet<string> = new Set(allRules.filter((rule) => rule.checkProject).map((rule) => rule.id))

/** Adds a finding as a message; in a draft, a rule lenient there reports its errors as warnings. */
function report(file: VFile, rule: Rule, severity: Severity, finding: Finding, lenient: boolean): void {
  addMessage(file, {ruleId: rule.id, severity: lenient && severity === 'error' ? 'warning' : severity, ...finding})
}

function severityOf(rule: Rule, setting: RuleSetting | undefined): Severity | null {
  if (setting === 'off') return null
  if (setting === 'warn') return 'warning'
  if (setting === 'error') return 'error'
  return rule.severity
}

export function sortMessages(file: VFile): void {
  file.messages.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
}
