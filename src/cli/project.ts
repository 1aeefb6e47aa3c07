import {readdir, readFile, stat} from 'node:fs/promises'
import path from 'node:path'
import type {CheckEntry} from '../check/index.js'
import {rules} from '../check/rules/index.js'
import {limits} from '../release/limits.js'
import {oversizedRelease, parseRelease} from '../release/parse.js'
import {loadFontCoverage} from '../text/coverage.js'
import {readProjectConfig, type Project} from './config-file.js'
import {UsageError} from './usage.js'

export {UsageError} from './usage.js'

export type {Project} from './config-file.js'

/** Reads and validates `pressroom.yaml` and the glossary, and loads what the fonts cover; config errors are usage errors. */
export async function loadProject(configPath: string): Promise<Project> {
  const project = await readProjectConfig(configPath, rules.map((rule) => rule.id))
  project.config.coverage = loadFontCoverage(project.config)
  return project
}

/** Every `*.md` under `releases/`, as paths relative to the project root with `/` separators, sorted. */
export async function listReleases(root: string): Promise<string[]> {
  const dir = path.join(root, 'releases')
  let names: string[]
  try {
    names = await readdir(dir, {recursive: true})
  } catch {
    return []
  }
  return names
    .filter((name) => name.endsWith('.md'))
    .map((name) => toProjectPath(root, path.join(dir, name)))
    .sort()
}

export function toProjectPath(root: string, file: string): string {
  return path.relative(root, path.resolve(file)).split(path.sep).join('/')
}

/**
 * Resolves the paths given on the command line (files or folders) to
 * release files relative to the root; an unknown path is a usage error.
 */
export async function resolveReleasePaths(root: string, args: readonly string[]): Promise<string[]> {
  const found = new Set<string>()
  for (const arg of args) {
    const absolute = path.resolve(arg)
    const info = await stat(absolute).catch(() => null)
    if (!info) throw new UsageError(`no such file or folder: ${arg}`)
    if (info.isDirectory()) {
      const names = await readdir(absolute, {recursive: true})
      for (const name of names) if (name.endsWith('.md')) found.add(toProjectPath(root, path.join(absolute, name)))
    } else {
      found.add(toProjectPath(root, absolute))
    }
  }
  return [...found].sort()
}

export async function readEntries(root: string, paths: readonly string[]): Promise<CheckEntry[]> {
  return Promise.all(
    paths.map(async (projectPath) => {
      const file = path.join(root, projectPath)
      // A huge file is refused by its size, before it is read.
      const {size} = await stat(file)
      if (size > limits.releaseBytes) return oversizedRelease(projectPath, size)
      return parseRelease(projectPath, await readFile(file))
    })
  )
}
