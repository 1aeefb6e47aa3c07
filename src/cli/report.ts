import type {VFile} from 'vfile'
import {reporter} from 'vfile-reporter'
import {reporterJson} from 'vfile-reporter-json'

export type ReporterName = 'pretty' | 'json'

export function hasErrors(files: readonly VFile[]): boolean {
  return files.some((file) => file.messages.some((message) => message.fatal === true))
}

/** Formats messages like unified linters (vfile-reporter), or as vfile-reporter-json's JSON. */
export function formatReport(files: VFile[], name: ReporterName, options: {quiet?: boolean; color?: boolean} = {}): string {
  if (name === 'json') return reporterJson(files)
  return reporter(files, {quiet: options.quiet ?? false, color: options.color ?? false})
}

/** Whether the pretty reporter colours its output: on a terminal, unless NO_COLOR is set. */
export function colorFor(reporter: ReporterName): boolean {
  return reporter === 'pretty' && process.stderr.isTTY === true && !process.env.NO_COLOR
}
