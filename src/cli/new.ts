import {mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {compileReference, formatReference, parseReference} from '../config/reference.js'
import {isCalendarDate} from '../release/dates.js'
import {UsageError} from '../diagnostic/usage.js'
import {listReleases, readEntries, type Project} from '../project/load.js'

export interface NewOptions {
  date: string
  slug: string
}

/**
 * Creates the next release of the date's year with the next free number and
 * both sections scaffolded, as a draft. Never overwrites a file.
 */
export async function createRelease(project: Project, options: NewOptions): Promise<string> {
  if (!isCalendarDate(options.date)) throw new UsageError(`--date ${options.date} is not a date; write YYYY-MM-DD`)
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(options.slug)) {
    throw new UsageError(`--slug ${options.slug} is not lower-case letters, digits and single hyphens (e.g. grant-ilo)`)
  }
  const year = Number(options.date.slice(0, 4))
  const pattern = compileReference(project.config.reference)
  const paths = await listReleases(project.root)
  const entries = await readEntries(project.root, paths)
  let highest = 0
  for (const {release} of entries) {
    const parsed = release.frontmatter.ref ? parseReference(pattern, release.frontmatter.ref) : null
    const fromRef = parsed && release.frontmatter.date?.startsWith(String(year)) ? parsed.n : 0
    const fromName = new RegExp(`^releases/${year}/(\\d{3,})-`).exec(release.path)
    highest = Math.max(highest, fromRef, fromName ? Number(fromName[1]) : 0)
  }
  const n = highest + 1
  const relative = `releases/${year}/${String(n).padStart(3, '0')}-${options.slug}.md`
  const file = path.join(project.root, relative)
  await mkdir(path.dirname(file), {recursive: true})
  const text = scaffold(formatReference(pattern, n, year), options.date)
  try {
    await writeFile(file, text, {flag: 'wx'})
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${relative} exists already; nothing was written`)
    throw error
  }
  return relative
}

function scaffold(ref: string, date: string): string {
  return `---
ref: ${ref}
date: ${date}
draft: true
---
# English

## TODO English headline

TODO English text.

# ខ្មែរ

## TODO ចំណងជើងខ្មែរ

TODO អត្ថបទខ្មែរ។
`
}
