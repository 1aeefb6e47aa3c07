import path from 'node:path'
import type {VFile} from 'vfile'
import type {Release} from '../release/model.js'
import {checkProject, hasErrors} from './check.js'
import type {Project} from './project.js'
import {writeFileAtomic} from './write.js'

export interface BuildReport {
  ok: boolean
  releases: number
  outputs: string[]
  warnings: number
  errors: number
  files: VFile[]
}

/**
 * Checks every release, then, only when none has an error, writes the
 * outputs into `outDir`. Nothing is written when the check fails.
 */
export async function buildProject(project: Project, outDir: string, version: string): Promise<BuildReport> {
  const {entries} = await checkProject(project)
  const files = entries.map((entry) => entry.file)
  const counts = countMessages(files)
  if (hasErrors(files)) return {ok: false, releases: entries.length, outputs: [], ...counts, files}
  const releases = entries.map((entry) => entry.release)
  const outputs: string[] = []
  const modelPath = path.join(outDir, 'releases.json')
  await writeFileAtomic(modelPath, serializeModel(releases, version))
  outputs.push(modelPath)
  return {ok: true, releases: entries.length, outputs, ...counts, files}
}

/** The parsed model of every release; no clock, so the bytes depend on the input alone. */
export function serializeModel(releases: readonly Release[], version: string): string {
  const sorted = [...releases].sort((a, b) => a.path.localeCompare(b.path))
  return `${JSON.stringify({generator: `pressroom ${version}`, releases: sorted}, null, 2)}\n`
}

function countMessages(files: readonly VFile[]) {
  let warnings = 0
  let errors = 0
  for (const file of files) {
    for (const message of file.messages) {
      if (message.fatal === true) errors++
      else if (message.fatal === false) warnings++
    }
  }
  return {warnings, errors}
}
