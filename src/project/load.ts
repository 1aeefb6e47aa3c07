/**
 * Loading a project: its config (`pressroom.yaml`), glossary, fonts and
 * release files. The CLI, the build and the preview all load it here.
 */
import {existsSync} from 'node:fs'
import {readdir, readFile, stat} from 'node:fs/promises'
import path from 'node:path'
import type {Config} from '../config/model.js'
import {parseGlossary} from '../config/glossary.js'
import {parseConfig} from '../config/parse.js'
import type {CheckEntry} from '../check/index.js'
import {UsageError} from '../diagnostic/usage.js'
import {parseRelease} from '../release/parse.js'
import {loadFontCoverage} from '../text/coverage.js'

export interface Project {
  /** The project folder: the config file's. */
  root: string
  /** The config file, absolute. */
  configPath: string
  config: Config
}

/** The name of the config file a project folder holds. */
export const configName = 'pressroom.yaml'

/**
 * The config file of the project `cwd` is in: `pressroom.yaml` there or in
 * the nearest folder above, as git and eslint find theirs.
 */
export function findConfig(cwd: string = process.cwd()): string | null {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, configName)
    if (existsSync(candidate)) return candidate
    if (path.dirname(dir) === dir) return null
  }
}

/**
 * Reads and validates the config (`configPath`, else the one `findConfig`
 * finds) and `glossary.yaml` beside it; problems are usage errors.
 * `ruleIds` as in `parseConfig`: a build's render threads pass null, and so
 * need not load the rules.
 */
export async function readProjectConfig(configPath: string | undefined, ruleIds: readonly string[] | null): Promise<Project> {
  const found = configPath ?? findConfig()
  if (found === null) {
    throw new UsageError(`no ${configName} in this folder or any folder above it; run pressroom inside a project, or pass --config FILE`)
  }
  const absolute = path.resolve(found)
  let text: string
  try {
    text = await readFile(absolute, 'utf8')
  } catch {
    throw new UsageError(`cannot read ${found}; run pressroom inside a project (a folder with ${configName}), or pass --config FILE`)
  }
  const root = path.dirname(absolute)
  const {config, file} = parseConfig(path.relative(process.cwd(), absolute) || found, root, text.replace(/^\uFEFF/, ''), ruleIds)
  if (!config) throw new UsageError(`${path.relative(process.cwd(), absolute) || found} has errors; fix them and run again`, [file])
  const glossaryPath = path.join(root, 'glossary.yaml')
  const glossaryText = await readFile(glossaryPath, 'utf8').catch(() => null)
  if (glossaryText !== null) {
    const parsed = parseGlossary(path.relative(process.cwd(), glossaryPath), glossaryText.replace(/^\uFEFF/, ''))
    if (!parsed.glossary) throw new UsageError('glossary.yaml has errors; fix them and run again', [parsed.file])
    config.glossary = parsed.glossary
  }
  return {root, configPath: absolute, config}
}

/** Reads and validates `pressroom.yaml` and the glossary, and loads what the fonts cover; config errors are usage errors. */
export async function loadProject(configPath?: string): Promise<Project> {
  // The rules are loaded here only: a render thread reads the config without them.
  const {rules} = await import('../check/rules/index.js')
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
      const bytes = await readFile(path.join(root, projectPath))
      return parseRelease(projectPath, bytes)
    })
  )
}
