import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {parseRelease} from '../release/parse.js'
import {archive} from '../test/archive.js'
import {projectConfig} from '../test/project.js'
import {indexMemory, tokenDiff, tokenize, type Suggestion} from './lookup.js'
import {updateMemory, type MemorySource} from './memory.js'
import {adaptKhmer, placeablesOf} from './placeables.js'
import {englishPieces, releaseSegments} from './segments.js'

const config = projectConfig()
const runs = Number(process.env.FUZZ_RUNS ?? 300)

const read = (file: string, text: string): MemorySource => {
  const {release, file: vfile} = parseRelease(file, new TextEncoder().encode(text))
  return {release, source: String(vfile.value)}
}

/** Levenshtein over white-space tokens, written plainly: the score a CAT tool shows. */
function expectedScore(a: string, b: string): number {
  const x = a.split(/\s+/).filter(Boolean)
  const y = b.split(/\s+/).filter(Boolean)
  let row = y.map((_, j) => j + 1)
  row.unshift(0)
  for (let i = 1; i <= x.length; i++) {
    const next = [i]
    for (let j = 1; j <= y.length; j++) next.push(Math.min(row[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1), row[j]! + 1, next[j - 1]! + 1))
    row = next
  }
  return Math.floor(100 * (1 - row[y.length]! / Math.max(x.length, y.length)))
}

describe('looking up earlier translations', () => {
  const sources = Object.entries(archive).map(([file, text]) => read(file, text))
  const {memory} = updateMemory(null, sources, config.glossary)
  const index = indexMemory(memory, {glossary: config.glossary, khmerDigits: config.khmerDigits})
  const current = sources.find((source) => source.release.path === 'releases/2026/005-wells-pursat.md')!
  const before = {path: current.release.path, date: current.release.frontmatter.date}
  const queries = englishPieces(current.release, current.source).flatMap((piece) => piece.sentences)
  const lookup = (start: string) => {
    const query = queries.find((sentence) => sentence.text.startsWith(start))!
    return {query, found: index.lookup(query, {before})}
  }
  const brief = (found: Suggestion[]) => found.map((s) => [s.kind, s.score, s.source.path, s.km])

  it('offers an exact match with its source and how many other releases hold it', () => {
    const {found} = lookup('For more information')
    expect(brief(found)).toEqual([['exact', 100, 'releases/2026/004-food-wfp.md', 'សម្រាប់ព័ត៌មានបន្ថែម សូមទាក់ទងស្ថានទូតជប៉ុន។']])
    expect(found[0]!.also).toBe(1)
    expect(found[0]!.source).toEqual({path: 'releases/2026/004-food-wfp.md', ref: 'No. 4 PR-26/EoJ', date: '2026-01-15', line: 15})
    expect(found[0]!.diff).toEqual([{op: 'same', text: 'For more information, please contact the Embassy of Japan.'}])
  })

  it('adapts amounts, dates, figures and glossary terms, written as pressroom writes Khmer', () => {
    const amount = lookup('The Government of Japan')
    expect(brief(amount.found)).toEqual([
      ['adapted', 92, 'releases/2026/004-food-wfp.md', 'រដ្ឋាភិបាលជប៉ុននឹងផ្តល់ថវិកាចំនួន ១,២០០,០០០ ដុល្លារអាមេរិក ដល់កម្មវិធីស្បៀងអាហារពិភពលោក (WFP)។']
    ])
    const [replaced] = amount.found[0]!.replaced
    expect(replaced).toMatchObject({from: '៧៥០,០០០ ដុល្លារអាមេរិក', to: '១,២០០,០០០ ដុល្លារអាមេរិក'})
    expect(amount.found[0]!.km.slice(replaced!.start, replaced!.end)).toBe(replaced!.to)
    expect(amount.found[0]!.diff).toEqual([
      {op: 'same', text: 'The Government of Japan will provide'},
      {op: 'removed', text: 'US$750,000'},
      {op: 'added', text: 'US$1,200,000'},
      {op: 'same', text: 'to the World Food Programme (WFP).'}
    ])
    const date = lookup('The Grant Contract')
    // Both earlier releases adapt to the same Khmer: it is offered once, from the latest.
    expect(brief(date.found)).toHaveLength(1)
    expect(date.found[0]!.kind).toBe('adapted')
    expect(date.found[0]!.km).toContain('នៅថ្ងៃទី២ ខែ មីនា ឆ្នាំ២០២៦ ដោយ')
    expect(date.found[0]!.source.path).toBe('releases/2026/004-food-wfp.md')
    const wells = lookup('The project will build')
    expect(brief(wells.found)).toEqual([
      ['adapted', 70, 'releases/2026/004-food-wfp.md', 'គម្រោងនេះនឹងជីកអណ្តូងចំនួន ៦០ នៅខេត្តពោធិ៍សាត់។'],
      ['adapted', 70, 'releases/2025/031-water-preah-vihear.md', 'គម្រោងនេះនឹងសាងសង់អណ្តូងទឹកចំនួន ៦០ នៅខេត្តពោធិ៍សាត់។']
    ])
    const headline = index.lookup(englishPieces(current.release, current.source)[0]!.whole, {before})
    expect(brief(headline)).toEqual([['adapted', 71, 'releases/2025/031-water-preah-vihear.md', 'ជប៉ុនគាំទ្រទឹកស្អាតនៅខេត្តពោធិ៍សាត់']])
  })

  it('offers a fuzzy match with the English differences', () => {
    const {found} = lookup('The Embassy hopes')
    expect(brief(found)).toEqual([['fuzzy', 84, 'releases/2026/004-food-wfp.md', 'ស្ថានទូតសង្ឃឹមថា គម្រោងនេះនឹងលើកកម្ពស់សុខភាពរបស់កុមារ។']])
    expect(found[0]!.diff.filter((part) => part.op !== 'same')).toEqual([
      {op: 'removed', text: 'children.'},
      {op: 'added', text: 'local families.'}
    ])
  })

  it('scores as a CAT tool does, and offers the best three at 70 % or more, from earlier releases only', () => {
    for (const query of queries) {
      const found = index.lookup(query, {before})
      for (const suggestion of found) expect(suggestion.score, suggestion.en).toBe(expectedScore(suggestion.en, query.text))
      // Every earlier pair that scores 70 or more, best first: the offers are the best of them.
      const possible = [...memory.releases.values()]
        .filter((release) => release.path !== before.path && (release.date ?? '') < (before.date ?? ''))
        .flatMap((release) => release.segments.map((segment) => expectedScore(segment.en.text, query.text)))
        .filter((score) => score >= 70)
        .sort((a, b) => b - a)
      expect(found.length).toBeLessThanOrEqual(3)
      if (possible.length > 0) expect(found[0]!.score).toBe(possible[0])
      else expect(found).toEqual([])
    }
    // The oldest release has nothing before it.
    const oldest = sources[0]!
    for (const piece of englishPieces(oldest.release, oldest.source)) {
      expect(index.lookup(piece.whole, {before: {path: oldest.release.path, date: oldest.release.frontmatter.date}})).toEqual([])
    }
  })

  it('a difference of case is not an exact match; a lower threshold offers more', () => {
    const query = {text: 'For more information, please contact the embassy of Japan.', facts: []}
    const [found] = index.lookup(query, {before})
    expect(found!.kind).not.toBe('exact')
    expect(found!.score).toBe(expectedScore(found!.en, query.text))
    const loose = index.lookup({text: 'The project will train technicians.', facts: []}, {before, threshold: 30})
    expect(loose.length).toBeGreaterThan(0)
    expect(index.lookup({text: 'The project will train technicians.', facts: []}, {before})).toEqual([])
  })

  it('whole units are matched only by units when asked', () => {
    const seed = read(
      'releases/2026/010-x.md',
      '---\nref: No. 10 PR-26/EoJ\ndate: 2026-02-18\n---\n# English\n\n## Headline\n\n‘The Project for Clean Water’ (US$1,000)\n\n# ខ្មែរ\n\n## ចំណងជើង\n\n“គម្រោងទឹកស្អាត”។ (ទឹកប្រាក់៖ ១,០០០ ដុល្លារអាមេរិក)\n'
    )
    const units = indexMemory(updateMemory(null, [seed], config.glossary).memory, {glossary: config.glossary, khmerDigits: 'khmer'})
    const query = {text: '‘The Project for Clean Water’ (US$1,000)', facts: []}
    expect(units.lookup(query, {unitsOnly: true}).map((s) => s.km)).toEqual(['“គម្រោងទឹកស្អាត”។ (ទឹកប្រាក់៖ ១,០០០ ដុល្លារអាមេរិក)'])
    expect(units.lookup({text: 'Headline', facts: []}, {unitsOnly: true})).toEqual([])
    expect(units.lookup({text: 'Headline', facts: []}).map((s) => s.kind)).toEqual(['exact'])
  })
})

describe('placeables', () => {
  const pairOf = (en: string, km: string, digits: 'khmer' | 'latin' = 'khmer') => {
    const source = read('releases/2026/010-x.md', `---\nref: No. 10 PR-26/EoJ\ndate: 2026-02-18\n---\n# English\n\n${en}\n\n# ខ្មែរ\n\n${km}\n`)
    const [segment] = releaseSegments(source.release, source.source)
    if (!segment) throw new Error(`no pair in ${en} / ${km}`)
    return {
      en: {text: segment.en.text, placeables: placeablesOf(segment.en, 'en', config.glossary)},
      km: {text: segment.km.text, placeables: placeablesOf(segment.km, 'km', config.glossary)},
      digits
    }
  }
  const english = (text: string) => {
    const source = read('releases/2026/011-y.md', `---\nref: No. 11 PR-26/EoJ\ndate: 2026-02-18\n---\n# English\n\n${text}\n\n# ខ្មែរ\n\nក។\n`)
    const [piece] = englishPieces(source.release, source.source)
    return {text: piece!.whole.text, placeables: placeablesOf(piece!.whole, 'en', config.glossary)}
  }
  const adapt = (pair: ReturnType<typeof pairOf>, now: string) => adaptKhmer(english(now), pair.en, pair.km, config.glossary, pair.digits)?.text ?? null

  it('keeps the words around a number and changes its digits', () => {
    const pair = pairOf('Japan gives US$5,000 to 30 schools in Pursat.', 'ជប៉ុនផ្តល់ថវិកាចំនួន ៥,០០០ ដុល្លារអាមេរិក ដល់សាលារៀនចំនួន ៣០ នៅខេត្តពោធិ៍សាត់។')
    expect(adapt(pair, 'Japan gives US$12,500 to 45 schools in Preah Vihear.')).toBe('ជប៉ុនផ្តល់ថវិកាចំនួន ១២,៥០០ ដុល្លារអាមេរិក ដល់សាលារៀនចំនួន ៤៥ នៅខេត្តព្រះវិហារ។')
    expect(adapt({...pair, digits: 'latin'}, 'Japan gives US$12,500 to 45 schools in Pursat.')).toBe('ជប៉ុនផ្តល់ថវិកាចំនួន 12,500 ដុល្លារអាមេរិក ដល់សាលារៀនចំនួន 45 នៅខេត្តពោធិ៍សាត់។')
  })

  it('writes an amount with a scale word, another currency or a date in pressroom’s form', () => {
    const scaled = pairOf('Japan gives US$1.5 million to the school.', 'ជប៉ុនផ្តល់ ១,៥ លានដុល្លារអាមេរិក ដល់សាលា។')
    expect(adapt(scaled, 'Japan gives US$2 million to the school.')).toBe('ជប៉ុនផ្តល់ ២ លានដុល្លារអាមេរិក ដល់សាលា។')
    const currency = pairOf('Japan gives US$5,000 to the school.', 'ជប៉ុនផ្តល់ ៥,០០០ ដុល្លារអាមេរិក ដល់សាលា។')
    expect(adapt(currency, 'Japan gives ¥5,000 to the school.')).toBe('ជប៉ុនផ្តល់ ៥,០០០ យ៉េន ដល់សាលា។')
    const date = pairOf('It was signed on 18 February 2026 in Pursat.', 'វាត្រូវបានចុះហត្ថលេខានៅថ្ងៃទី១៨ ខែកុម្ភៈ ឆ្នាំ២០២៦ នៅខេត្តពោធិ៍សាត់។')
    expect(adapt(date, 'It was signed on 3 May 2026 in Pursat.')).toBe('វាត្រូវបានចុះហត្ថលេខានៅថ្ងៃទី៣ ខែ ឧសភា ឆ្នាំ២០២៦ នៅខេត្តពោធិ៍សាត់។')
  })

  it('replaces a value the Khmer repeats; refuses when a changed value has no twin in the Khmer', () => {
    const repeated = pairOf('Japan gives US$5,000 to the school.', 'ជប៉ុនផ្តល់ ៥,០០០ ដុល្លារអាមេរិក ដល់សាលា (សរុប ៥,០០០ ដុល្លារអាមេរិក)។')
    expect(adapt(repeated, 'Japan gives US$7,000 to the school.')).toBe('ជប៉ុនផ្តល់ ៧,០០០ ដុល្លារអាមេរិក ដល់សាលា (សរុប ៧,០០០ ដុល្លារអាមេរិក)។')
    // A number the Khmer writes in words is read, and written again in digits.
    const words = pairOf('Japan gives 30 books to the school.', 'ជប៉ុនផ្តល់សៀវភៅសាមសិបក្បាល ដល់សាលា។')
    expect(adapt(words, 'Japan gives 40 books to the school.')).toBe('ជប៉ុនផ្តល់សៀវភៅ៤០ក្បាល ដល់សាលា។')
    const missing = pairOf('Japan gives 30 books to the school.', 'ជប៉ុនផ្តល់សៀវភៅ ដល់សាលា។')
    expect(adapt(missing, 'Japan gives 40 books to the school.')).toBeNull()
    // Unchanged values stay as written, even in a form pressroom would not write.
    const unchanged = pairOf('Japan gives 30 books in Pursat.', 'ជប៉ុនផ្តល់សៀវភៅ 30 ក្បាលនៅខេត្តពោធិ៍សាត់។')
    expect(adapt(unchanged, 'Japan gives 30 books in Preah Vihear.')).toBe('ជប៉ុនផ្តល់សៀវភៅ 30 ក្បាលនៅខេត្តព្រះវិហារ។')
  })
})

describe('token edit distance', () => {
  it('is a distance, and its script turns one text into the other', () => {
    const word = fc.constantFrom('the', 'The', 'grant', 'US$5,000', 'Pursat', '.', 'will', 'be', 'signed')
    fc.assert(
      fc.property(fc.array(word, {maxLength: 14}), fc.array(word, {maxLength: 14}), (a, b) => {
        const {distance, diff} = tokenDiff(a, b)
        expect(tokenDiff(b, a).distance).toBe(distance)
        expect(distance).toBeLessThanOrEqual(Math.max(a.length, b.length))
        expect(distance).toBeGreaterThanOrEqual(Math.abs(a.length - b.length))
        expect(tokenDiff(a, a).distance).toBe(0)
        const side = (ops: string[]) => diff.filter((part) => ops.includes(part.op)).flatMap((part) => tokenize(part.text))
        expect(side(['same', 'removed'])).toEqual(a)
        expect(side(['same', 'added'])).toEqual(b)
        expect(expectedScore(a.join(' ') || 'x', b.join(' ') || 'x')).toBe(
          Math.floor(100 * (1 - tokenDiff(a.length ? a : ['x'], b.length ? b : ['x']).distance / Math.max(a.length || 1, b.length || 1)))
        )
      }),
      {numRuns: runs}
    )
  })
})
