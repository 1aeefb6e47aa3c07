import {createHash} from 'node:crypto'
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {checkReleases, type CheckEntry} from '../check/index.js'
import {storeMessages} from '../diagnostic/message.js'
import {rules as allRules} from '../check/rules/index.js'
import type {Rule} from '../check/rule.js'
import type {Config} from '../config/model.js'
import {parseGlossary} from '../config/glossary.js'
import {parseConfig} from '../config/parse.js'
import {parseRelease} from '../release/parse.js'
import {loadFontCoverage} from '../text/coverage.js'
import type {OutputFile, RenderedRelease} from '../render/renderer.js'
import {releaseIdentity} from '../release/identity.js'

/** The repository root, for tests that read fixtures and the shipped config. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export const seedPath = 'releases/2026/010-japan-grant-ilo-returning-migrant-workers.md'

export function readRepoFile(relative: string): Buffer {
  return readFileSync(path.join(repoRoot, relative))
}

/** The project's own `pressroom.yaml`, parsed. */
export function projectConfig(): Config {
  const text = readRepoFile('pressroom.yaml').toString('utf8')
  const {config, file} = parseConfig('pressroom.yaml', repoRoot, text, allRules.map((rule) => rule.id))
  if (!config) throw new Error(`pressroom.yaml has errors: ${file.messages.join('; ')}`)
  const glossary = parseGlossary('glossary.yaml', readRepoFile('glossary.yaml').toString('utf8'))
  if (!glossary.glossary) throw new Error(`glossary.yaml has errors: ${glossary.file.messages.join('; ')}`)
  const withGlossary = {...config, glossary: glossary.glossary}
  return {...withGlossary, coverage: loadFontCoverage(withGlossary)}
}

/** Parses and checks releases given as path → text, as `pressroom check` would. */
export function checkTexts(
  files: Record<string, string | Uint8Array>,
  config: Config = projectConfig(),
  rules: readonly Rule[] = allRules
): CheckEntry[] {
  const entries = Object.entries(files).map(([file, text]) =>
    parseRelease(file, typeof text === 'string' ? new TextEncoder().encode(text) : text)
  )
  checkReleases(entries, config, rules)
  return entries
}

/** `path line:column ruleId` for every message, for compact assertions. */
export function messageKeys(entries: readonly CheckEntry[]): string[] {
  return entries.flatMap((entry) => entry.file.messages.map((m) => `${entry.release.path} ${m.line}:${m.column} ${m.ruleId}`))
}

/**
 * The seed release's paragraphs, headline and list items as lines of plain
 * text per language, for tests of the text engine that want real text
 * without the reader.
 */
export function seedParagraphs(): {en: string[]; km: string[]} {
  const seed = readRepoFile(seedPath).toString('utf8')
  const [english, khmer] = seed.replace(/^---\n[\s\S]*?\n---\n/, '').split(/^# ខ្មែរ$/m) as [string, string]
  const paragraphsOf = (section: string) =>
    section
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('# '))
      .map((line) => line.replace(/^(## |- )/, ''))
  return {en: paragraphsOf(english), km: paragraphsOf(khmer)}
}

/** Every file under a folder with the SHA-256 of its bytes: what a reader of the folder would see. */
export function snapshotFolder(dir: string): Record<string, string> {
  const files: Record<string, string> = {}
  for (const entry of readdirSync(dir, {recursive: true, withFileTypes: true})) {
    if (!entry.isFile()) continue
    const full = path.join(entry.parentPath, entry.name)
    // The build's own state is not part of what it outputs.
    if (path.relative(dir, full).split(path.sep)[0] === '.pressroom') continue
    files[path.relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex')
  }
  return files
}

/** A checked release as a renderer gets it: published, with its check's messages and the files of earlier renderers. */
export function renderedRelease(entry: CheckEntry, config: Config = projectConfig(), files: OutputFile[] = [], published = true): RenderedRelease {
  const identity = releaseIdentity(entry.release, config)
  if (!identity) throw new Error(`${entry.release.path} has no reference or date`)
  return {release: entry.release, identity, source: String(entry.file.value ?? ''), published, messages: storeMessages(entry.file), files}
}

/** The seed release with other frontmatter: a release of another number, date, embargo or draft state. */
export function seedVariant(front: {ref?: string; date?: string; draft?: boolean; embargo?: string}): string {
  const lines = [`ref: ${front.ref ?? 'No. 10 PR-26/EoJ'}`, `date: ${front.date ?? '2026-02-18'}`]
  if (front.embargo) lines.push(`embargo: ${front.embargo}`)
  if (front.draft) lines.push('draft: true')
  return readRepoFile(seedPath).toString('utf8').replace(/^---\n[\s\S]*?\n---\n/, `---\n${lines.join('\n')}\n---\n`)
}
