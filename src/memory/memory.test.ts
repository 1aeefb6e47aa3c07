import {mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {releaseBytes} from '../fuzz/arbitraries.js'
import {parseRelease} from '../release/parse.js'
import {archive} from '../test/archive.js'
import {projectConfig, readRepoFile, seedPath} from '../test/project.js'
import {loadMemory, saveMemory} from './file.js'
import {memoryFormat, parseMemory, serializeMemory, updateMemory, type MemorySource} from './memory.js'
import {releaseSegments} from './segments.js'
import {englishSentences, khmerSentences, type Span} from './sentences.js'

const runs = Number(process.env.FUZZ_RUNS ?? 300)

const read = (file: string, text: string): MemorySource => {
  const {release, file: vfile} = parseRelease(file, new TextEncoder().encode(text))
  return {release, source: String(vfile.value)}
}
const texts = (text: string, spans: Span[]) => spans.map(({start, end}) => text.slice(start, end))

describe('sentences', () => {
  it('English: ICU sentence breaks, but not after a title or an initial', () => {
    const text = 'The Grant Contracts will be signed today by H.E. Mr. UENO Atsushi, Ambassador of Japan. Dr. Sok Chea and Ms. Lim attended! Was it signed? Yes.'
    expect(texts(text, englishSentences(text))).toEqual([
      'The Grant Contracts will be signed today by H.E. Mr. UENO Atsushi, Ambassador of Japan.',
      'Dr. Sok Chea and Ms. Lim attended!',
      'Was it signed?',
      'Yes.'
    ])
  })

  it('English: a line end ends a sentence; one without a full stop is one sentence', () => {
    expect(texts('Tel: 023 217 161\nE-mail: info@example.org', englishSentences('Tel: 023 217 161\nE-mail: info@example.org'))).toEqual([
      'Tel: 023 217 161',
      'E-mail: info@example.org'
    ])
    expect(texts('  Recipient: The ILO  ', englishSentences('  Recipient: The ILO  '))).toEqual(['Recipient: The ILO'])
    expect(englishSentences('   ')).toEqual([])
  })

  it('Khmer: ends at ។ or ៕ or a line end, not inside ។ល។, and keeps a space before ។', () => {
    const text = 'ជប៉ុនផ្តល់ជំនួយ ។ គម្រោងនេះរួមមាន អណ្តូង ស្ពាន ។ល។ សម្រាប់ប្រជាជន។\u200Bចប់៕\nបន្ទាត់ថ្មី'
    expect(texts(text, khmerSentences(text))).toEqual(['ជប៉ុនផ្តល់ជំនួយ ។', 'គម្រោងនេះរួមមាន អណ្តូង ស្ពាន ។ល។ សម្រាប់ប្រជាជន។', 'ចប់៕', 'បន្ទាត់ថ្មី'])
  })

  it('spans are in order, trimmed, and lose no text, whatever the input', () => {
    const alphabet = fc.constantFrom('a', 'B', 'Mr', 'H.E', '.', '!', '?', ' ', '\n', '\u200B', '។', '៕', 'ល', 'ក', '្', 'ត', '1', '"', '’')
    fc.assert(
      fc.property(fc.array(alphabet, {maxLength: 60}).map((parts) => parts.join('')), (text) => {
        for (const spans of [englishSentences(text), khmerSentences(text)]) {
          let at = 0
          for (const {start, end} of spans) {
            expect(start).toBeGreaterThanOrEqual(at)
            expect(end).toBeGreaterThan(start)
            expect(text.slice(start, end)).toBe(text.slice(start, end).replace(/^[\s\u200B]+|[\s\u200B]+$/g, ''))
            // What lies between sentences is white space only.
            expect(text.slice(at, start).replace(/[\s\u200B]/g, '')).toBe('')
            at = end
          }
          expect(text.slice(at).replace(/[\s\u200B]/g, '')).toBe('')
        }
      }),
      {numRuns: runs}
    )
  })
})

describe('segments of a release', () => {
  it('the seed: sentence pairs where sentences pair one to one, the unit where they do not, each with its facts and line', () => {
    const {release, source} = read(seedPath, readRepoFile(seedPath).toString('utf8'))
    const segments = releaseSegments(release, source)
    expect(segments.map((segment) => [segment.kind, segment.en.line, segment.km.line])).toEqual([
      ['sentence', 7, 19],
      ['sentence', 9, 21],
      ['sentence', 9, 21],
      // ‘The Project …’ (US$1,000,000) is one English sentence, two Khmer ones.
      ['unit', 11, 23],
      ['sentence', 13, 24],
      ['sentence', 15, 26],
      ['sentence', 15, 26],
      ['sentence', 15, 26]
    ])
    const [, first, second] = segments
    expect(first!.en.text).toBe('The Government of Japan will provide US$1,000,000 to the International Labour Organization (ILO).')
    expect(first!.km.text.endsWith('(ILO) ។')).toBe(true)
    expect(second!.en.text.startsWith('The Grant Contracts for the following project will be signed today by H.E. Mr. UENO Atsushi,')).toBe(true)
    expect(second!.en.column).toBe(99)
    expect(first!.en.facts).toEqual([{kind: 'amount', key: 'USD 1000000', start: 37, end: 49}])
    expect(first!.km.text.slice(first!.km.facts[0]!.start, first!.km.facts[0]!.end)).toBe('១,០០០,០០០ ដុល្លារអាមេរិក')
  })

  const body = (r: MemorySource) => releaseSegments(r.release, r.source).filter((segment) => segment.en.text !== 'Headline')
  const release = (en: string, km: string) =>
    read('releases/2026/010-x.md', `---\nref: No. 10 PR-26/EoJ\ndate: 2026-02-18\n---\n# English\n\n## Headline\n\n${en}\n\n# ខ្មែរ\n\n## ចំណងជើង\n\n${km}\n`)

  it('sentences whose facts sit in other sentences of the other language stay one unit', () => {
    const segments = body(
      release('Japan gives US$5,000 to the school. The Embassy gives 300 books.', 'ស្ថានទូតផ្តល់សៀវភៅ ៣០០ ក្បាល។ ជប៉ុនផ្តល់ ៥,០០០ ដុល្លារអាមេរិក ដល់សាលា។')
    )
    expect(segments.map((segment) => segment.kind)).toEqual(['unit'])
    expect(segments[0]!.km.text).toBe('ស្ថានទូតផ្តល់សៀវភៅ ៣០០ ក្បាល។ ជប៉ុនផ្តល់ ៥,០០០ ដុល្លារអាមេរិក ដល់សាលា។')
  })

  it('sentences in the same order with their facts pair one to one; a different count makes one unit', () => {
    const paired = release('Japan gives US$5,000 to the school. The Embassy gives 300 books.', 'ជប៉ុនផ្តល់ ៥,០០០ ដុល្លារអាមេរិក ដល់សាលា។ ស្ថានទូតផ្តល់សៀវភៅ ៣០០ ក្បាល។')
    expect(body(paired).map((segment) => [segment.kind, segment.en.text, segment.km.text])).toEqual([
      ['sentence', 'Japan gives US$5,000 to the school.', 'ជប៉ុនផ្តល់ ៥,០០០ ដុល្លារអាមេរិក ដល់សាលា។'],
      ['sentence', 'The Embassy gives 300 books.', 'ស្ថានទូតផ្តល់សៀវភៅ ៣០០ ក្បាល។']
    ])
    const merged = release('Japan gives US$5,000 to the school. The Embassy gives 300 books.', 'ជប៉ុនផ្តល់ ៥,០០០ ដុល្លារអាមេរិក ដល់សាលា ហើយស្ថានទូតផ្តល់សៀវភៅ ៣០០ ក្បាល។')
    expect(body(merged).map((segment) => segment.kind)).toEqual(['unit'])
  })

  it('Khmer not translated yet (a placeholder, English pasted in, nothing) gives no pairs', () => {
    for (const km of ['TODO អត្ថបទខ្មែរ។', 'Japan gives books to the school.', '']) {
      expect(body(release('Japan gives books to the school.', km))).toEqual([])
    }
  })

  it('hostile files never throw', () => {
    fc.assert(
      fc.property(releaseBytes, (bytes) => {
        const {release, file} = parseRelease('releases/2026/010-fuzz.md', bytes)
        for (const segment of releaseSegments(release, String(file.value))) {
          expect(segment.en.line).toBeGreaterThanOrEqual(1)
          expect(segment.km.text.length).toBeGreaterThan(0)
        }
      }),
      // The reader's own fuzz test covers parsing; a third of its runs here.
      {numRuns: Math.ceil(runs / 3)}
    )
  })
})

describe('the memory', () => {
  const sources = () => Object.entries(archive).map(([file, text]) => read(file, text))

  it('is in archive order and aligns again only the releases that changed', () => {
    const first = updateMemory(null, sources(), projectConfig().glossary)
    expect([...first.memory.releases.keys()]).toEqual(['releases/2025/031-water-preah-vihear.md', 'releases/2026/004-food-wfp.md', 'releases/2026/005-wells-pursat.md'])
    expect(first.aligned).toHaveLength(3)
    expect(first.kept).toBe(0)
    // The release being written has no Khmer yet: no pairs.
    expect(first.memory.releases.get('releases/2026/005-wells-pursat.md')!.segments).toEqual([])

    const edited = sources().map((entry) =>
      entry.release.path === 'releases/2026/004-food-wfp.md' ? read(entry.release.path, entry.source.replace('health of children', 'health of young children')) : entry
    )
    const second = updateMemory(first.memory, edited, projectConfig().glossary)
    expect(second.aligned).toEqual(['releases/2026/004-food-wfp.md'])
    expect(second.kept).toBe(2)
    // Unchanged releases keep the very records they had.
    expect(second.memory.releases.get('releases/2025/031-water-preah-vihear.md')).toBe(first.memory.releases.get('releases/2025/031-water-preah-vihear.md'))
    expect(second.memory.releases.get('releases/2026/004-food-wfp.md')!.segments.some((s) => s.en.text.includes('young children'))).toBe(true)

    const removed = updateMemory(second.memory, edited.slice(1), projectConfig().glossary)
    expect([...removed.memory.releases.keys()]).not.toContain('releases/2025/031-water-preah-vihear.md')
    expect(removed.aligned).toEqual([])
  })

  it('reads back what it writes; another format or damaged text is not a memory', () => {
    const {memory} = updateMemory(null, sources(), projectConfig().glossary)
    const text = serializeMemory(memory)
    const back = parseMemory(text)!
    expect(serializeMemory(back)).toBe(text)
    expect(updateMemory(back, sources(), projectConfig().glossary).aligned).toEqual([])
    expect(parseMemory(text.replace(`"format":${memoryFormat}`, `"format":${memoryFormat + 1}`))).toBeNull()
    expect(parseMemory(text.slice(0, text.length / 2))).toBeNull()
    expect(parseMemory(text.replace('"line":', '"line":"x","was":'))).toBeNull()
  })

  it('is saved atomically as one JSON file and loaded again; a damaged file says so', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pressroom-memory-'))
    const file = path.join(dir, 'out/.pressroom/memory.json')
    expect(await loadMemory(file)).toEqual({memory: null, problem: null})
    expect(await loadMemory(null)).toEqual({memory: null, problem: null})
    const {memory} = updateMemory(null, sources(), projectConfig().glossary)
    await saveMemory(file, memory)
    expect(readdirSync(path.dirname(file))).toEqual(['memory.json'])
    expect(JSON.parse(readFileSync(file, 'utf8')).format).toBe(memoryFormat)
    const loaded = await loadMemory(file)
    expect(loaded.problem).toBeNull()
    expect(serializeMemory(loaded.memory!)).toBe(serializeMemory(memory))
    writeFileSync(file, '{"format":')
    const damaged = await loadMemory(file)
    expect(damaged.memory).toBeNull()
    expect(damaged.problem).toMatch(/memory\.json is not a memory this version of pressroom reads/)
  })
})
