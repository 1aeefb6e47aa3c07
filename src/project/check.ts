import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {applyEdits} from '../check/fix.js'
import {checkReleases, type CheckEntry, type ProposedFix} from '../check/index.js'
import {location} from 'vfile-location'
import {loadMemory, memoryFileName} from '../memory/file.js'
import {updateMemory, type Memory} from '../memory/memory.js'
import {writeFileAtomic} from './write.js'
import {listReleases, readEntries, resolveReleasePaths, type Project} from './load.js'

export interface CheckResult {
  /** Every release of the project, checked. */
  entries: CheckEntry[]
  /** The entries the user asked about. */
  selected: CheckEntry[]
  /** Fixes proposed for the selected entries. */
  fixes: ProposedFix[]
  /** The translation memory of every release, brought up to date. */
  memory: Memory
}

/**
 * Reads and checks releases. Rules that compare releases (duplicates,
 * sequences, consistent translations) always see the whole `releases/`
 * folder, even when only some files are selected.
 */
export async function checkProject(
  project: Project,
  args: readonly string[] = [],
  /**
   * The memory kept from before (default: the one the last build left in
   * `out/`): unchanged releases keep their pairs, the others are aligned again.
   */
  options: {memory?: Memory | null} = {}
): Promise<CheckResult> {
  const all = await listReleases(project.root)
  const wanted = args.length > 0 ? await resolveReleasePaths(project.root, args) : all
  const paths = [...new Set([...all, ...wanted])].sort()
  const entries = await readEntries(project.root, paths)
  const previous = options.memory !== undefined ? options.memory : (await loadMemory(path.join(project.root, 'out', memoryFileName))).memory
  const {memory} = updateMemory(previous, entries.map((entry) => ({release: entry.release, source: String(entry.file.value ?? '')})), project.config.glossary)
  const fixes = checkReleases(entries, project.config, undefined, {memory})
  const wantedSet = new Set(wanted)
  return {
    entries,
    selected: entries.filter((entry) => wantedSet.has(entry.release.path)),
    fixes: fixes.filter((fix) => wantedSet.has(fix.path)),
    memory
  }
}

export interface FixSummary {
  path: string
  /** How many edits each rule made. */
  byRule: Map<string, number>
  /** Every edit made, in the order made, where it was made (in the file as it was then). */
  changes: FixChange[]
}

export interface FixChange {
  line: number
  column: number
  ruleId: string
  before: string
  after: string
}

/** Passes before giving up on fixes that keep proposing new fixes. */
const maxFixPasses = 5

/**
 * Applies the fixable rules' edits to the selected files, changing nothing
 * else byte for byte (line endings and a byte order mark are kept), writes
 * each file atomically, and repeats until no rule proposes a fix, so a second
 * run changes nothing. Returns what changed, then the final check.
 */
export async function fixProject(project: Project, args: readonly string[]): Promise<{summaries: FixSummary[]; result: CheckResult}> {
  const summaries = new Map<string, FixSummary>()
  let result = await checkProject(project, args)
  for (let pass = 0; pass < maxFixPasses && result.fixes.length > 0; pass++) {
    const byPath = new Map<string, ProposedFix[]>()
    for (const fix of result.fixes) byPath.set(fix.path, [...(byPath.get(fix.path) ?? []), fix])
    for (const [file, fixes] of byPath) {
      const absolute = path.join(project.root, file)
      const bytes = await readFile(absolute)
      const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
      const text = bytes.toString('utf8').slice(bom ? 1 : 0)
      const entry = result.entries.find((candidate) => candidate.release.path === file)!
      // The file changed on disk since it was checked: leave it alone.
      if (text !== String(entry.file.value)) continue
      const edits = fixes.flatMap((fix) => fix.edits.map((edit) => ({...edit, ruleId: fix.ruleId})))
      const {text: fixed, applied} = applyEdits(text, edits)
      if (applied.length === 0) continue
      await writeFileAtomic(absolute, (bom ? '\uFEFF' : '') + fixed)
      const summary: FixSummary = summaries.get(file) ?? {path: file, byRule: new Map(), changes: []}
      const place = location(text)
      for (const edit of applied as typeof edits) {
        summary.byRule.set(edit.ruleId, (summary.byRule.get(edit.ruleId) ?? 0) + 1)
        const point = place.toPoint(edit.start)
        summary.changes.push({line: point?.line ?? 1, column: point?.column ?? 1, ruleId: edit.ruleId, before: text.slice(edit.start, edit.end), after: edit.text})
      }
      summaries.set(file, summary)
    }
    result = await checkProject(project, args)
  }
  return {summaries: [...summaries.values()], result}
}
