import {reporter} from 'vfile-reporter'
import {reporterJson} from 'vfile-reporter-json'
import type {VFile} from 'vfile'
import {checkReleases, type CheckEntry} from '../check/index.js'
import {listReleases, readEntries, resolveReleasePaths, type Project} from './project.js'

export type ReporterName = 'pretty' | 'json'

export interface CheckResult {
  /** Every release of the project, checked. */
  entries: CheckEntry[]
  /** The entries the user asked about. */
  selected: CheckEntry[]
}

/**
 * Reads and checks releases. Rules that compare releases (duplicates,
 * sequences) always see the whole `releases/` folder, even when only some
 * files are selected.
 */
export async function checkProject(project: Project, args: readonly string[] = []): Promise<CheckResult> {
  const all = await listReleases(project.root)
  const wanted = args.length > 0 ? await resolveReleasePaths(project.root, args) : all
  const paths = [...new Set([...all, ...wanted])].sort()
  const entries = await readEntries(project.root, paths)
  checkReleases(entries, project.config)
  const wantedSet = new Set(wanted)
  return {entries, selected: entries.filter((entry) => wantedSet.has(entry.release.path))}
}

export function hasErrors(files: readonly VFile[]): boolean {
  return files.some((file) => file.messages.some((message) => message.fatal === true))
}

/** Formats messages like unified linters (vfile-reporter), or as vfile-reporter-json's JSON. */
export function formatReport(files: VFile[], name: ReporterName, options: {quiet?: boolean; color?: boolean} = {}): string {
  if (name === 'json') return reporterJson(files)
  return reporter(files, {quiet: options.quiet ?? false, color: options.color ?? false})
}
