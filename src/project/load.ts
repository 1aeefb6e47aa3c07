/**
 * Loading a project: its config (`pressroom.yaml`), glossary, fonts and
 * release files. The CLI, the build and the preview all load it here.
 */
import {existsSync} from 'node:fs'
import {readdir, readFile, realpath, stat} from 'node:fs/promises'
import path from 'node:path'
import type {Config} from '../config/model.js'
import {parseGlossary} from '../config/glossary.js'
import {parseConfig} from '../config/parse.js'
import type {CheckEntry} from '../check/index.js'
import {UsageError} from '../diagnostic/usage.js'
import {limits} from '../release/limits.js'
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
  if (!(await stat(dir).then((info) => info.isDirectory(), () => false))) return []
  return (await markdownFiles(root, dir)).map((file) => toProjectPath(root, file)).sort()
}

/**
 * The `*.md` files under a folder. A symbolic link is followed only when it
 * leads inside the project and not back into a folder being listed: a link
 * to `/` or `/usr` would be read for minutes, a loop forever. Either is a
 * usage error naming the link.
 */
async function markdownFiles(root: string, dir: string): Promise<string[]> {
  const realRoot = await realpath(root)
  const found: string[] = []
  const walk = async (folder: string, open: ReadonlySet<string>) => {
    for (const entry of await readdir(folder, {withFileTypes: true})) {
      const full = path.join(folder, entry.name)
      let isDirectory = entry.isDirectory()
      if (entry.isSymbolicLink()) {
        const target = await realpath(full).catch(() => null)
        // A broken link holds nothing to read.
        if (target === null) continue
        const shown = toProjectPath(root, full)
        if (target !== realRoot && !target.startsWith(realRoot + path.sep)) {
          throw new UsageError(`${shown} is a symbolic link to ${target}, outside the project; pressroom does not follow it: remove it or copy the release in`)
        }
        if (open.has(target)) throw new UsageError(`${shown} is a symbolic link back to a folder it is in (a loop); remove it`)
        isDirectory = (await stat(target)).isDirectory()
      }
      if (isDirectory) await walk(full, new Set([...open, await realpath(full)]))
      else if (entry.name.endsWith('.md')) found.push(full)
    }
  }
  await walk(dir, new Set([await realpath(dir)]))
  return found
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
      for (const file of await markdownFiles(root, absolute)) found.add(toProjectPath(root, file))
    } else {
      found.add(toProjectPath(root, absolute))
    }
  }
  return [...found].sort()
}

export async function readEntries(root: string, paths: readonly string[]): Promise<CheckEntry[]> {
  // Loaded here, not with the project: a build that reads no release does without the Markdown reader.
  const {oversizedRelease, parseRelease} = await import('../release/parse.js')
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
