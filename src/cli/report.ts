import type {VFile} from 'vfile'
import {reporter} from 'vfile-reporter'
import {reporterJson} from 'vfile-reporter-json'
import {escapeControls} from './terminal.js'

export type ReporterName = 'pretty' | 'json'

export function hasErrors(files: readonly VFile[]): boolean {
  return files.some((file) => file.messages.some((message) => message.fatal === true))
}

/** Formats messages like unified linters (vfile-reporter), or as vfile-reporter-json's JSON. */
export function formatReport(files: VFile[], name: ReporterName, options: {quiet?: boolean; color?: boolean} = {}): string {
  // JSON escapes C0 controls itself; the others are written as \uXXXX too (the same text once parsed).
  if (name === 'json') return reporterJson(files).replace(/[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  // The reasons and paths quote the files' own text: escaped for the terminal while they are printed (the colours come after).
  const saved = files.map((file) => ({file, path: file.path, texts: file.messages.map(({reason, message, stack}) => ({reason, message, stack}))}))
  try {
    for (const {file} of saved) {
      if (file.path) file.path = escapeControls(file.path)
      for (const message of file.messages) {
        message.reason = escapeControls(message.reason)
        message.message = escapeControls(message.message)
        if (message.stack) message.stack = escapeControls(message.stack)
      }
    }
    return reporter(files, {quiet: options.quiet ?? false, color: options.color ?? false})
  } finally {
    for (const {file, path, texts} of saved) {
      if (path) file.path = path
      file.messages.forEach((message, i) => Object.assign(message, texts[i]))
    }
  }
}

/** Whether the pretty reporter colours its output: on a terminal, unless NO_COLOR is set. */
export function colorFor(reporter: ReporterName): boolean {
  return reporter === 'pretty' && process.stderr.isTTY === true && !process.env.NO_COLOR
}
