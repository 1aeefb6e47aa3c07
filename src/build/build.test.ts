import {existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {UsageError} from '../diagnostic/usage.js'
import {loadProject} from '../project/load.js'
import {readRepoFile, seedPath, seedVariant, snapshotFolder} from '../test/project.js'
import {buildProject, type BuildOptions} from './build.js'

const seed = readRepoFile(seedPath).toString('utf8')

/** A throwaway project with the repository's config and the given release files. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pressroom-build-'))
  writeFileSync(path.join(dir, 'pressroom.yaml'), readRepoFile('pressroom.yaml'))
  writeFileSync(path.join(dir, 'glossary.yaml'), readRepoFile('glossary.yaml'))
  for (const [file, text] of Object.entries(files)) write(dir, file, text)
  return dir
}

function write(dir: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(dir, file)), {recursive: true})
  writeFileSync(path.join(dir, file), text)
}

/** Builds in this thread (`--jobs 1`), as of 1 March 2026 unless told otherwise. */
async function build(dir: string, options: Partial<BuildOptions> = {}) {
  const project = await loadProject(path.join(dir, 'pressroom.yaml'))
  return buildProject(project, {outDir: path.join(dir, 'out'), only: null, now: new Date('2026-03-01T00:00:00Z'), version: '0.0.0-test', jobs: 1, configPath: project.configPath, ...options})
}

const outputs = (dir: string) => Object.keys(snapshotFolder(path.join(dir, 'out'))).sort()
const read = (dir: string, file: string) => readFileSync(path.join(dir, 'out', file), 'utf8')
const ninth = seedVariant({ref: 'No. 9 PR-26/EoJ', date: '2026-02-10'})

describe('buildProject', () => {
  it('writes every output of a release, then nothing when nothing changed', async () => {
    const dir = project({[seedPath]: seed})
    const first = await build(dir)
    expect(first).toMatchObject({ok: true, releases: 1, rendered: 1, unchanged: 0, removed: 0, withheld: []})
    expect(outputs(dir)).toEqual(
      expect.arrayContaining(['pdf/2026-010.pdf', 'email/2026-010.eml', 'preview/2026-010.html', 'releases.json', 'site/en/2026/010/index.html', 'site/km/2026/010/index.html', 'site/pdf/2026-010.pdf', 'site/en/index.html', 'site/sitemap.xml'])
    )
    expect(first.written).toBe(outputs(dir).length)
    const pdf = statSync(path.join(dir, 'out/pdf/2026-010.pdf'))
    const state = (name: string) => statSync(path.join(dir, 'out/.pressroom', name)).ino
    const kept = {manifest: state('manifest.json'), memory: state('memory.json')}
    const second = await build(dir)
    expect(second).toMatchObject({ok: true, rendered: 0, written: 0, unchanged: first.written, removed: 0})
    // Left as it was: the same file, not a copy; nor are the manifest and the memory written again.
    expect(statSync(path.join(dir, 'out/pdf/2026-010.pdf')).ino).toBe(pdf.ino)
    expect({manifest: state('manifest.json'), memory: state('memory.json')}).toEqual(kept)
  })

  it('writes again only the files whose bytes changed when a release changes, site-wide files too', async () => {
    const dir = project({[seedPath]: seed, 'releases/2026/009-ninth.md': ninth})
    await build(dir)
    const before = snapshotFolder(path.join(dir, 'out'))
    write(dir, 'releases/2026/009-ninth.md', ninth.replace('This grant will', 'This grant shall'))
    const report = await build(dir)
    const after = snapshotFolder(path.join(dir, 'out'))
    const changed = Object.keys(after).filter((file) => before[file] !== after[file])
    // The search index is made again whole; its files whose bytes are the same are left as they were.
    expect(changed).toContain('site/en/2026/009/index.html')
    expect(changed.some((file) => file.startsWith('site/pagefind/'))).toBe(true)
    expect(Object.keys(after).filter((file) => file.startsWith('site/pagefind/') && before[file] === after[file]).length).toBeGreaterThan(0)
    expect(report.written).toBe(changed.length)
  })

  it('keeps each release\'s search records with its site render: Khmer words as tokens', async () => {
    const dir = project({[seedPath]: seed})
    await build(dir)
    const renders = path.join(dir, 'out/.pressroom/cache/renders')
    let kept = 0
    for (const name of readdirSync(renders)) {
      const record = JSON.parse(readFileSync(path.join(renders, name), 'utf8')) as {search?: string}
      if (!record.search) continue
      // The kept records are what the index is made from: Khmer words as tokens.
      const search = JSON.parse(readFileSync(path.join(dir, 'out/.pressroom/cache/blobs', record.search), 'utf8')) as Array<{content: string}>
      expect(search.some((item) => item.content.includes('xq'))).toBe(true)
      kept++
    }
    expect(kept).toBe(1)
  })

  it('renders again only what changed, including a release whose messages another release changed, and removes what a deleted release had', async () => {
    const dir = project({[seedPath]: seed})
    await build(dir)
    // No. 9 dated after No. 10: ref-sequence now warns on the seed, whose preview shows it.
    write(dir, 'releases/2026/009-ninth.md', seedVariant({ref: 'No. 9 PR-26/EoJ', date: '2026-02-20'}))
    expect(await build(dir)).toMatchObject({ok: true, rendered: 2})
    expect(read(dir, 'preview/2026-010.html')).toContain('ref-sequence')
    rmSync(path.join(dir, 'releases/2026/009-ninth.md'))
    const after = await build(dir)
    // The seed again, for its messages changed back.
    expect(after).toMatchObject({ok: true, rendered: 1})
    expect(after.removed).toBeGreaterThan(5)
    expect(read(dir, 'preview/2026-010.html')).not.toContain('ref-sequence')
    for (const gone of ['preview/2026-009.html', 'pdf/2026-009.pdf', 'email/2026-009.eml', 'site/en/2026/009', 'site/pdf/2026-009.pdf']) expect(existsSync(path.join(dir, 'out', gone))).toBe(false)
    expect(read(dir, 'site/en/index.html')).not.toContain('2026/009')
    expect(existsSync(path.join(dir, 'out/site/en/2026/010/index.html'))).toBe(true)
  })

  it('takes an unchanged release from its cache: same diagnostics, no new parse', async () => {
    const dir = project({[seedPath]: seed})
    const first = await build(dir)
    const second = await build(dir)
    const messages = (report: typeof first) => report.files.flatMap((file) => file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`))
    expect(messages(second)).toEqual(messages(first))
    expect(messages(first).length).toBe(3)
    // The cached check does not hold the file's text: it was not read again.
    expect(second.files[0]!.value).toBeUndefined()
  })

  it('renders a release from the model its check made, without reading the Markdown again', async () => {
    const dir = project({[seedPath]: seed})
    await build(dir)
    const cache = path.join(dir, 'out/.pressroom/cache')
    const [model] = readdirSync(path.join(cache, 'models'))
    // The cached model says something the file does not; the renders are made again from it.
    writeFileSync(path.join(cache, 'models', model!), readFileSync(path.join(cache, 'models', model!), 'utf8').replaceAll('Returning Migrant Workers', 'Returning Model Workers'))
    rmSync(path.join(cache, 'renders'), {recursive: true})
    expect(await build(dir)).toMatchObject({ok: true, rendered: 1})
    expect(read(dir, 'site/en/2026/010/index.html')).toContain('Returning Model Workers')
    expect(read(dir, 'site/en/2026/010/index.html')).not.toContain('Returning Migrant Workers')
  })

  it('keeps the messages that compare releases when nothing changed, without reading the translation memory', async () => {
    // The ninth writes a glossary term with coeng Da: inconsistent-translation warns in the tenth.
    const dir = project({[seedPath]: seed, 'releases/2026/009-ninth.md': ninth.replaceAll('អន្តរជាតិ', 'អន្ដរជាតិ')})
    const messages = (report: Awaited<ReturnType<typeof build>>) => report.files.flatMap((file) => file.messages.map((m) => `${file.path} ${m.line}:${m.column} ${m.ruleId} ${m.reason}`))
    const first = await build(dir)
    expect(messages(first).filter((message) => message.includes('inconsistent-translation'))).not.toEqual([])
    // A damaged memory is neither read nor written by a rebuild in which no release changed.
    writeFileSync(path.join(dir, 'out/.pressroom/memory.json'), 'damaged')
    const second = await build(dir)
    expect(messages(second)).toEqual(messages(first))
    expect(readFileSync(path.join(dir, 'out/.pressroom/memory.json'), 'utf8')).toBe('damaged')
    // Once a release changes, the memory is made again and the rules compare releases anew.
    write(dir, 'releases/2026/009-ninth.md', ninth)
    const third = await build(dir)
    expect(messages(third).filter((message) => message.includes('inconsistent-translation'))).toEqual([])
    expect(JSON.parse(readFileSync(path.join(dir, 'out/.pressroom/memory.json'), 'utf8')).releases).toHaveLength(2)
  })

  it('writes no output when a release has errors', async () => {
    const dir = project({[seedPath]: seed.replace('The Government of Japan will provide', 'The <b>Government</b> of Japan will provide')})
    const report = await build(dir)
    expect(report).toMatchObject({ok: false, written: 0})
    expect(outputs(dir)).toEqual([])
  })

  it('says which releases it leaves off the site, and why', async () => {
    const dir = project({
      [seedPath]: seed,
      'releases/2026/011-draft.md': seedVariant({ref: 'No. 11 PR-26/EoJ', date: '2026-02-20', draft: true}),
      'releases/2026/012-embargo.md': seedVariant({ref: 'No. 12 PR-26/EoJ', date: '2026-02-27', embargo: '2026-03-02T10:00:00+07:00'})
    })
    const report = await build(dir)
    expect(report.withheld).toEqual([
      {path: 'releases/2026/011-draft.md', reason: 'draft'},
      {path: 'releases/2026/012-embargo.md', reason: 'embargo', until: '2026-03-02T10:00:00+07:00'}
    ])
    expect(read(dir, 'site/en/index.html')).not.toMatch(/2026\/01[12]/)
    // Still previewed, and given their PDF and e-mail.
    for (const file of ['preview/2026-011.html', 'pdf/2026-012.pdf', 'email/2026-012.eml']) expect(existsSync(path.join(dir, 'out', file))).toBe(true)
    const later = await build(dir, {now: new Date('2026-03-02T03:00:00Z')})
    expect(later.withheld.map((item) => item.path)).toEqual(['releases/2026/011-draft.md'])
    expect(read(dir, 'site/en/index.html')).toContain('2026/012/')
  })

  it('with --only, keeps other outputs only while they are right, and never leaves a retracted release on the site', async () => {
    const dir = project({[seedPath]: seed, 'releases/2026/009-ninth.md': ninth})
    await build(dir)
    const siteWide = ['site/en/index.html', 'site/km/feed.xml', 'site/sitemap.xml', 'site/releases.json', 'site/assets/site.css', 'releases.json']
    // No. 9 made a draft, then only the PDFs rendered.
    write(dir, 'releases/2026/009-ninth.md', seedVariant({ref: 'No. 9 PR-26/EoJ', date: '2026-02-10', draft: true}))
    const report = await build(dir, {only: new Set(['pdf'])})
    expect(report.ok).toBe(true)
    expect(existsSync(path.join(dir, 'out/site/en/2026/009'))).toBe(false)
    expect(existsSync(path.join(dir, 'out/site/pdf/2026-009.pdf'))).toBe(false)
    for (const file of siteWide) expect(existsSync(path.join(dir, 'out', file)), file).toBe(true)
    expect(read(dir, 'site/en/index.html')).not.toContain('2026/009')
    expect(read(dir, 'site/releases.json')).not.toContain('2026-009')
    // Its preview (site outputs) went stale and was not rebuilt: it is gone, and said so.
    expect(existsSync(path.join(dir, 'out/preview/2026-009.html'))).toBe(false)
    // The seed's text edited, then only the e-mail rendered: it attaches the new PDF, not the old.
    write(dir, seedPath, seed.replace('This grant will', 'This grant shall'))
    const pdfBefore = readFileSync(path.join(dir, 'out/pdf/2026-010.pdf'))
    const email = await build(dir, {only: new Set(['email'])})
    expect(email.withheld).toContainEqual({path: seedPath, reason: 'not rebuilt'})
    const pdfAfter = readFileSync(path.join(dir, 'out/pdf/2026-010.pdf'))
    expect(pdfAfter.equals(pdfBefore)).toBe(false)
    const eml = read(dir, 'email/2026-010.eml')
    expect(eml.replace(/\r?\n/g, '')).toContain(pdfAfter.toString('base64').slice(0, 60))
    // Its site pages went stale and are off the site until a full build.
    expect(existsSync(path.join(dir, 'out/site/en/2026/010/index.html'))).toBe(false)
    expect(read(dir, 'site/en/index.html')).not.toContain('2026/010/')
    expect((await build(dir)).withheld).toEqual([{path: 'releases/2026/009-ninth.md', reason: 'draft'}])
    expect(read(dir, 'site/en/2026/010/index.html')).toContain('This grant shall')
  })

  it('refuses an output folder where it would mix with files it did not write, and never replaces a link', async () => {
    const dir = project({[seedPath]: seed})
    const refused = async (out: string, why: RegExp) => {
      await expect(build(dir, {outDir: out})).rejects.toThrow(UsageError)
      await expect(build(dir, {outDir: out})).rejects.toThrow(why)
    }
    await refused(dir, /it is the project folder/)
    await refused(path.dirname(dir), /it holds the project folder/)
    await refused(path.join(dir, 'releases'), /inside releases\//)
    await refused(path.join(dir, 'releases/2026/out'), /inside releases\//)
    await refused(path.join(dir, 'templates'), /inside templates\//)
    write(dir, 'public/blog/post.html', '<p>hand-written</p>')
    await refused(path.join(dir, 'public'), /already holds files that pressroom did not write \(blog\)/)
    expect(readdirSync(dir).sort()).toEqual(['glossary.yaml', 'pressroom.yaml', 'public', 'releases'])

    // A link to a web root is followed: the files land there, and the link stays a link.
    const webRoot = mkdtempSync(path.join(tmpdir(), 'pressroom-webroot-'))
    symlinkSync(webRoot, path.join(dir, 'out'))
    expect((await build(dir)).ok).toBe(true)
    expect(lstatSync(path.join(dir, 'out')).isSymbolicLink()).toBe(true)
    expect(existsSync(path.join(webRoot, 'site/en/index.html'))).toBe(true)
    // A file written there by hand later is never removed.
    write(webRoot, 'site/blog/post.html', '<p>hand-written</p>')
    write(dir, 'releases/2026/009-ninth.md', ninth)
    await build(dir)
    rmSync(path.join(dir, 'releases/2026/009-ninth.md'))
    expect((await build(dir)).removed).toBeGreaterThan(0)
    expect(readFileSync(path.join(webRoot, 'site/blog/post.html'), 'utf8')).toBe('<p>hand-written</p>')
  })

  it('says when the output folder cannot be written, and a later build works once it can', async () => {
    const dir = project({[seedPath]: seed})
    // A file where the build keeps its state: nothing can be written under it (as root too, unlike permissions).
    write(dir, 'out/.pressroom', 'in the way')
    await expect(build(dir)).rejects.toThrow(/cannot write to .*out: .*; check that the folder is writable/)
    expect(readdirSync(path.join(dir, 'out'))).toEqual(['.pressroom'])
    rmSync(path.join(dir, 'out/.pressroom'))
    expect((await build(dir)).ok).toBe(true)
  })

  it('refuses to run beside another build of the same output, and takes over the lock of one that died', async () => {
    const dir = project({[seedPath]: seed})
    await build(dir)
    const lock = path.join(dir, 'out/.pressroom/lock')
    // A live process holds it: this test's own parent.
    writeFileSync(lock, String(process.ppid))
    await expect(build(dir)).rejects.toThrow(new RegExp(`another pressroom build \\(process ${process.ppid}\\)`))
    // A process that is gone.
    writeFileSync(lock, '999999999')
    expect((await build(dir)).ok).toBe(true)
    expect(existsSync(lock)).toBe(false)
  })
})
