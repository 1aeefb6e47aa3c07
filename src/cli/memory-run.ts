import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {sourceOf, type CheckEntry} from '../check/index.js'
import {loadMemory, memoryFileName} from '../memory/file.js'
import {indexMemory} from '../memory/lookup.js'
import {updateMemory, type Memory} from '../memory/memory.js'
import {renderTmx} from '../memory/tmx.js'
import {version} from '../package.js'
import {releaseIdentity} from '../release/identity.js'
import {ExportError, exportXliff} from '../xliff/export.js'
import {ImportError, importXliff} from '../xliff/import.js'
import {readXliff, XliffReadError} from '../xliff/read.js'
import {UsageError} from '../diagnostic/usage.js'
import {checkProject} from '../project/check.js'
import {listReleases, loadProject, readEntries, toProjectPath, type Project} from '../project/load.js'
import {writeFileAtomic} from '../project/write.js'
import {parseNow} from './now.js'
import {formatReport, hasErrors} from './report.js'

const say = (line: string) => process.stderr.write(`pressroom: ${line}\n`)
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/**
 * Every release with the memory brought up to date: the build's memory
 * (`out/.pressroom/memory.json`) when there is one, with the releases that
 * changed since aligned again. Nothing is written.
 */
async function archiveMemory(project: Project): Promise<{entries: CheckEntry[]; memory: Memory}> {
  const entries = await readEntries(project.root, await listReleases(project.root))
  const loaded = await loadMemory(path.join(project.root, 'out', memoryFileName))
  if (loaded.problem) say(loaded.problem)
  const {memory} = updateMemory(loaded.memory, entries.map((entry) => ({release: entry.release, source: sourceOf(entry)})), project.config.glossary)
  return {entries, memory}
}

async function writeOut(out: string | undefined, text: string) {
  if (out) await writeFileAtomic(path.resolve(out), text)
  else process.stdout.write(text)
}

export async function runTmExport(configPath: string, options: {out?: string; all?: boolean; now?: string}): Promise<void> {
  const project = await loadProject(configPath)
  const now = options.now ? parseNow(options.now, project.config.timeZone) : new Date()
  const {memory} = await archiveMemory(project)
  const all = [...memory.releases.values()]
  const held = options.all ? [] : all.filter((release) => release.draft || (release.embargo !== null && Date.parse(release.embargo) > now.getTime()))
  const tmx = renderTmx(
    all.filter((release) => !held.includes(release)),
    {version}
  )
  await writeOut(options.out, tmx.xml)
  for (const {path: file, line, codePoint} of tmx.leftOut) say(`left out the pair at ${file}:${line}: it holds ${codePoint}, which XML cannot hold; remove it from the release`)
  if (held.length > 0) {
    say(`left out ${plural(held.length, 'draft or embargoed release')} (${held.map((release) => release.path).join(', ')}); --all includes them`)
  }
  say(`${plural(tmx.pairs, 'pair')} from ${plural(all.length - held.length, 'release')}${options.out ? ` written to ${options.out}` : ''}`)
}

export async function runXliffExport(configPath: string, releaseArg: string, options: {out?: string}): Promise<void> {
  const project = await loadProject(configPath)
  const {entries, memory} = await archiveMemory(project)
  const entry = findRelease(project, entries, releaseArg)
  refuseBroken(entry)
  const index = indexMemory(memory, {glossary: project.config.glossary, khmerDigits: project.config.khmerDigits})
  let result
  try {
    result = exportXliff(entry.release, {version, index, source: sourceOf(entry)})
  } catch (error) {
    if (error instanceof ExportError) throw new UsageError(error.message)
    throw error
  }
  await writeOut(options.out, result.xml)
  say(
    `${entry.release.path}: ${plural(result.units, 'trans-unit')}, ${result.translated} with Khmer, ${plural(result.matches, 'exact match')} from earlier releases${options.out ? `, written to ${options.out}` : ''}`
  )
}

export async function runXliffImport(configPath: string, file: string, options: {release?: string}): Promise<void> {
  const project = await loadProject(configPath)
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(error.code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file}: ${error.message}`)
  })
  let read
  try {
    read = readXliff(bytes)
  } catch (error) {
    if (error instanceof XliffReadError) throw new UsageError(`${file}: ${error.message}`)
    throw error
  }
  if (read.targetLanguage && !/^km(?:-|_|$)/i.test(read.targetLanguage)) {
    throw new UsageError(`${file}: its target language is ${read.targetLanguage}, not Khmer (km); import a Khmer translation`)
  }
  const entries = await readEntries(project.root, await listReleases(project.root))
  const named = options.release ?? [...new Set(read.originals)].find((original) => /\.md$/i.test(original))
  if (!named) throw new UsageError(`${file} does not name its release (<file original="releases/…md">); give it: pressroom xliff import ${file} --release releases/YYYY/NNN-slug.md`)
  if (!options.release && new Set(read.originals.filter((original) => /\.md$/i.test(original))).size > 1) {
    throw new UsageError(`${file} holds several releases (${[...new Set(read.originals)].join(', ')}); import one at a time with --release`)
  }
  const entry = findRelease(project, entries, options.release ? named : path.join(project.root, named))
  refuseBroken(entry)
  const absolute = path.join(project.root, entry.release.path)
  let result
  try {
    result = importXliff(entry.release, sourceOf(entry), read)
  } catch (error) {
    if (error instanceof ImportError) throw new UsageError(`${file}: ${error.message}`)
    throw error
  }
  const changed = result.replaced + result.added + result.removed.length
  const skipped = [
    result.unchanged > 0 ? `${result.unchanged} unchanged` : '',
    result.untranslated > 0 ? `${result.untranslated} without a target` : '',
    result.copied > 0 ? `${result.copied} with the English copied as target, left as they were` : ''
  ].filter(Boolean)
  if (changed === 0) {
    say(`${entry.release.path}: nothing to write: ${skipped.join(', ') || 'no targets'}`)
  } else {
    // The file may have been saved from an editor since it was read: then it is not overwritten.
    const now = await readFile(absolute)
    const before = Buffer.from(`${entry.release.source.bom ? '\uFEFF' : ''}${sourceOf(entry)}`, 'utf8')
    if (!now.equals(before)) throw new UsageError(`${entry.release.path} changed while it was being imported into; nothing was written; import again`)
    await writeFileAtomic(absolute, `${entry.release.source.bom ? '\uFEFF' : ''}${result.text}`)
    const removed = result.removed.length > 0 ? `, ${plural(result.removed.length, 'placeholder')} removed (${result.removed.join(' · ')})` : ''
    say(`${entry.release.path}: ${result.replaced} Khmer block${result.replaced === 1 ? '' : 's'} replaced, ${result.added} added${removed}${skipped.length > 0 ? `; ${skipped.join(', ')}` : ''}`)
  }
  const {selected} = await checkProject(project, [absolute])
  const files = selected.map((checked) => checked.file)
  process.stderr.write(`${formatReport(files, 'pretty', {color: process.stderr.isTTY === true && !process.env.NO_COLOR})}\n`)
  process.exitCode = hasErrors(files) ? 1 : 0
}

/** A release file, or a release id such as `2026-010`. */
function findRelease(project: Project, entries: readonly CheckEntry[], arg: string): CheckEntry {
  if (/^\d{4}-\d{3}$/u.test(arg)) {
    const found = entries.filter((entry) => releaseIdentity(entry.release, project.config)?.id === arg)
    if (found.length === 0) throw new UsageError(`no release has the id ${arg}; name its file (releases/YYYY/NNN-slug.md) or check its reference and date`)
    if (found.length > 1) throw new UsageError(`${found.length} releases have the id ${arg}: ${found.map((entry) => entry.release.path).join(', ')}; name the file`)
    return found[0]!
  }
  const wanted = toProjectPath(project.root, arg)
  const entry = entries.find((candidate) => candidate.release.path === wanted)
  if (!entry) throw new UsageError(`${arg} is not a release of this project; name one file under releases/ (releases/YYYY/NNN-slug.md) or its id (YYYY-NNN)`)
  return entry
}

/** Errors of the reader mean the model may lack blocks: a file made from it, or written into it, could lose text. */
function refuseBroken(entry: CheckEntry) {
  // The entry is as the reader left it: its messages are the reader's own.
  const broken = entry.file.messages.filter((message) => message.fatal === true && message.ruleId !== 'frontmatter')
  if (broken.length > 0) throw new UsageError(`${entry.release.path} cannot be read in full; fix these first (pressroom check lists them)`, [entry.file])
}


