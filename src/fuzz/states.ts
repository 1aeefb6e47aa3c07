import {toKhmerDigits} from '../facts/numerals.js'
import type {Lang} from '../release/model.js'
import type {UnitKind} from '../release/pairing.js'

/**
 * Whole release files in the states a release passes through while it is
 * written and translated: English only, the Khmer stopping short, a
 * passage skipped, the Khmer longer, very long sections, the same amount
 * many times, one huge paragraph. Each comes with what a check must find:
 * the units written without a counterpart (by line) and the sections left
 * out or empty. The text is plain, deterministic and written as a careful
 * writer would (no third-party prose), so tests and the bench share it.
 */

/** One unit of a release in both languages. */
export interface BilingualUnit {
  kind: UnitKind
  en: string
  km: string
}

const latinAmount = (i: number) => ((i % 90) + 10) * 10_000
const groups = (value: number) => value.toLocaleString('en-US')

/** Paragraphs, subheads, list items and quotes, each a function of a number so that repeated units differ in their figures. */
const pool: Record<UnitKind, Array<(i: number) => {en: string; km: string}>> = {
  paragraph: [
    (i) => ({
      en: `The Government of Japan will provide US$${groups(latinAmount(i))} to the International Labour Organization (ILO) for a project that supports workers returning from Thailand.`,
      km: `រដ្ឋាភិបាលជប៉ុននឹងផ្តល់ថវិកាចំនួន ${toKhmerDigits(groups(latinAmount(i)))} ដុល្លារអាមេរិក ដល់អង្គការពលកម្មអន្តរជាតិ (ILO) សម្រាប់គម្រោងគាំទ្រពលករដែលវិលត្រឡប់មកពីប្រទេសថៃ។`
    }),
    (i) => ({
      en: `The grant contract was signed on ${(i % 28) + 1} February 2026 at the Embassy of Japan in Phnom Penh.`,
      km: `កិច្ចសន្យាផ្តល់ជំនួយត្រូវបានចុះហត្ថលេខានៅថ្ងៃទី${toKhmerDigits(String((i % 28) + 1))} ខែ កុម្ភៈ ឆ្នាំ២០២៦ នៅស្ថានទូតជប៉ុនប្រចាំរាជធានីភ្នំពេញ។`
    }),
    (i) => ({
      en: `The project will build three vocational training centres and train ${groups(1000 + i * 7)} workers in construction, farming and food processing over two years.`,
      km: `គម្រោងនេះនឹងសាងសង់មជ្ឈមណ្ឌលបណ្តុះបណ្តាលវិជ្ជាជីវៈចំនួនបី និងបណ្តុះបណ្តាលពលករចំនួន ${toKhmerDigits(groups(1000 + i * 7))} នាក់ លើជំនាញសំណង់ កសិកម្ម និងការកែច្នៃម្ហូបអាហារ ក្នុងរយៈពេលពីរឆ្នាំ។`
    }),
    () => ({
      en: 'Japan has supported the development of Cambodia for more than thirty years.',
      km: 'ប្រទេសជប៉ុនបានគាំទ្រការអភិវឌ្ឍរបស់កម្ពុជាអស់រយៈពេលជាងសាមសិបឆ្នាំមកហើយ។'
    }),
    () => ({
      en: 'Through this project, returning migrant workers will receive help in finding new jobs close to their homes, and their families will benefit from more stable incomes. The Embassy hopes that the project will also strengthen the friendship between the peoples of Japan and Cambodia.',
      km: 'តាមរយៈគម្រោងនេះ ពលករទេសន្តរប្រវេសន៍ដែលវិលត្រឡប់មកវិញនឹងទទួលបានជំនួយក្នុងការស្វែងរកការងារថ្មីនៅជិតលំនៅដ្ឋានរបស់ពួកគេ ហើយគ្រួសាររបស់ពួកគេនឹងមានប្រាក់ចំណូលកាន់តែមានស្ថិរភាព។ ស្ថានទូតសង្ឃឹមថា គម្រោងនេះក៏នឹងពង្រឹងចំណងមិត្តភាពរវាងប្រជាជនជប៉ុន និងប្រជាជនកម្ពុជាផងដែរ។'
    })
  ],
  subhead: [
    () => ({en: 'About the project', km: 'អំពីគម្រោង'}),
    () => ({en: 'Training centres in three provinces', km: 'មជ្ឈមណ្ឌលបណ្តុះបណ្តាលនៅបីខេត្ត'}),
    () => ({en: 'Contact', km: 'ទំនាក់ទំនង'})
  ],
  item: [
    () => ({en: 'Recipient: International Labour Organization (ILO)', km: 'ស្ថាប័នទទួលជំនួយ៖ អង្គការពលកម្មអន្តរជាតិ (ILO)'}),
    (i) => ({en: `Amount: US$${groups(latinAmount(i))}`, km: `ទឹកប្រាក់៖ ${toKhmerDigits(groups(latinAmount(i)))} ដុល្លារអាមេរិក`}),
    () => ({en: 'Provinces: Preah Vihear, Oddar Meanchey and Pursat', km: 'ខេត្ត៖ ព្រះវិហារ ឧត្តរមានជ័យ និងពោធិ៍សាត់'}),
    () => ({en: 'Duration: two years', km: 'រយៈពេល៖ ពីរឆ្នាំ'})
  ],
  quote: [
    () => ({
      en: '“We are proud to stand with the workers of Cambodia and their families,” said the Ambassador.',
      km: 'ឯកអគ្គរាជទូតបានមានប្រសាសន៍ថា «យើងមានមោទនភាពដែលបានឈរជាមួយពលករកម្ពុជា និងក្រុមគ្រួសាររបស់ពួកគេ»។'
    })
  ]
}

const kindCycle: readonly UnitKind[] = ['paragraph', 'paragraph', 'subhead', 'paragraph', 'item', 'item', 'item', 'paragraph', 'quote', 'paragraph']

/** Unit number i of a kind (each kind cycles through its own texts). */
export function bilingualUnit(kind: UnitKind, i: number): BilingualUnit {
  const texts = pool[kind]
  return {kind, ...texts[i % texts.length]!(i)}
}

/** `count` units of mixed kinds, as a release body runs: paragraphs, a subhead, a short list, a quote. */
export function mixedUnits(count: number, offset = 0): BilingualUnit[] {
  return Array.from({length: count}, (_, i) => bilingualUnit(kindCycle[(i + offset) % kindCycle.length]!, i + offset))
}

/** `count` units of one kind. */
export function unitsOf(kind: UnitKind, count: number): BilingualUnit[] {
  return Array.from({length: count}, (_, i) => bilingualUnit(kind, i))
}

export const headlines: Record<Lang, string> = {
  en: 'Japan Supports Returning Migrant Workers',
  km: 'ជប៉ុនគាំទ្រពលករទេសន្តរប្រវេសន៍ដែលវិលត្រឡប់មកវិញ'
}

/** One language's section as it is to be written. */
export interface SectionPlan {
  headline: boolean
  /** Each unit, and whether the other section holds its counterpart. */
  units: Array<{kind: UnitKind; text: string; twin: boolean}>
}

export interface ReleasePlan {
  /** Lower-case letters, digits and hyphens: the file is `releases/2026/010-<slug>.md`. */
  slug: string
  draft: boolean
  /** Null: the section is left out. */
  en: SectionPlan | null
  km: SectionPlan | null
}

/** A release file in one state, with what a check must find in it. */
export interface StateRelease {
  name: string
  path: string
  text: string
  draft: boolean
  /** The first line of every unit written, per language, in order. */
  lines: Record<Lang, number[]>
  /** Lines of the units written without a counterpart: what `missing-translation` must name. */
  missing: Record<Lang, number[]>
  /** Sections left out, or written with nothing in them. */
  absent: Lang[]
  empty: Lang[]
}

const sectionHeadings: Record<Lang, string> = {en: '# English', km: '# ខ្មែរ'}

/** Writes a plan as a release file, keeping the line of every unit. */
export function writeRelease(plan: ReleasePlan, name = plan.slug): StateRelease {
  const out: string[] = ['---', 'ref: No. 10 PR-26/EoJ', 'date: 2026-02-18', ...(plan.draft ? ['draft: true'] : []), '---']
  const lines: Record<Lang, number[]> = {en: [], km: []}
  const missing: Record<Lang, number[]> = {en: [], km: []}
  const absent: Lang[] = []
  const empty: Lang[] = []
  for (const lang of ['en', 'km'] as const) {
    const section = plan[lang]
    if (!section) {
      absent.push(lang)
      continue
    }
    out.push(sectionHeadings[lang])
    if (section.headline) out.push('', `## ${headlines[lang]}`)
    if (!section.headline && section.units.length === 0) empty.push(lang)
    let previous: UnitKind | null = null
    for (const unit of section.units) {
      // Consecutive items make one list; every other block stands apart.
      if (!(unit.kind === 'item' && previous === 'item')) out.push('')
      const line = out.length + 1
      out.push(unit.kind === 'item' ? `- ${unit.text}` : unit.kind === 'subhead' ? `### ${unit.text}` : unit.kind === 'quote' ? `> ${unit.text}` : unit.text)
      lines[lang].push(line)
      if (!unit.twin) missing[lang].push(line)
      previous = unit.kind
    }
    out.push('')
  }
  return {name, path: `releases/2026/010-${plan.slug}.md`, text: `${out.join('\n')}\n`, draft: plan.draft, lines, missing, absent, empty}
}

/** How the Khmer (or English) stands to a finished bilingual text. */
export type Edit =
  | {type: 'full'}
  /** The Khmer stops after `at` units: translation in progress. */
  | {type: 'khmer-stops'; at: number}
  /** The English stops after `at` units: written from a Khmer original. */
  | {type: 'english-stops'; at: number}
  /** The Khmer skips units from…to−1: a passage forgotten. */
  | {type: 'khmer-skips'; from: number; to: number}
  /** The Khmer holds `extra` units of its own after `at` units. */
  | {type: 'khmer-adds'; at: number; extra: BilingualUnit[]}
  /** The Khmer writes units from…to−1 as list items: a shape difference, nothing lost. */
  | {type: 'khmer-as-list'; from: number; to: number}
  | {type: 'khmer-headline-only'}
  | {type: 'khmer-empty'}
  | {type: 'no-khmer'}
  | {type: 'no-english'}

/** A release of these units in the state an edit describes. */
export function releaseState(slug: string, units: readonly BilingualUnit[], edit: Edit, draft = false): StateRelease {
  const both = (unit: BilingualUnit, lang: Lang, twin = true) => ({kind: unit.kind, text: unit[lang], twin})
  const english: SectionPlan = {headline: true, units: units.map((unit) => both(unit, 'en'))}
  const khmer: SectionPlan = {headline: true, units: units.map((unit) => both(unit, 'km'))}
  switch (edit.type) {
    case 'full':
      break
    case 'khmer-stops':
      khmer.units = khmer.units.slice(0, edit.at)
      english.units = units.map((unit, i) => both(unit, 'en', i < edit.at))
      break
    case 'english-stops':
      english.units = english.units.slice(0, edit.at)
      khmer.units = units.map((unit, i) => both(unit, 'km', i < edit.at))
      break
    case 'khmer-skips':
      khmer.units = units.flatMap((unit, i) => (i >= edit.from && i < edit.to ? [] : [both(unit, 'km')]))
      english.units = units.map((unit, i) => both(unit, 'en', i < edit.from || i >= edit.to))
      break
    case 'khmer-adds':
      khmer.units = [...khmer.units.slice(0, edit.at), ...edit.extra.map((unit) => both(unit, 'km', false)), ...khmer.units.slice(edit.at)]
      break
    case 'khmer-as-list':
      khmer.units = khmer.units.map((unit, i) => (i >= edit.from && i < edit.to ? {...unit, kind: 'item'} : unit))
      break
    case 'khmer-headline-only':
      khmer.units = []
      english.units = units.map((unit) => both(unit, 'en', false))
      break
    case 'khmer-empty':
      return writeRelease({slug, draft, en: english, km: {headline: false, units: []}})
    case 'no-khmer':
      return writeRelease({slug, draft, en: english, km: null})
    case 'no-english':
      return writeRelease({slug, draft, en: null, km: khmer})
  }
  return writeRelease({slug, draft, en: english, km: khmer})
}

/** One paragraph of about `bytes` bytes of UTF-8 in `lang`, and its translation (the same sentences, so longer or shorter). */
export function hugeParagraph(bytes: number, lang: Lang): BilingualUnit {
  const sentences = pool.paragraph.map((make, i) => make(i))
  const size = new TextEncoder().encode(sentences.map((s) => s[lang]).join(' ')).length + sentences.length
  const repeats = Math.max(1, Math.round(bytes / size))
  const join = (of: Lang) => Array.from({length: repeats}, () => sentences.map((s) => s[of]).join(' ')).join(' ')
  return {kind: 'paragraph', en: join('en'), km: join('km')}
}

/**
 * One Khmer paragraph of about `bytes` bytes whose sentences are parted by
 * two spaces (a slip `khmer-spacing` reports, each with its place), and its
 * English. `slips` is how many there are.
 */
export function slippedParagraph(bytes: number): BilingualUnit & {slips: number} {
  const {en, km} = hugeParagraph(bytes, 'km')
  const sentences = km.split('។ ')
  return {kind: 'paragraph', en, km: sentences.join('។  '), slips: sentences.length - 1}
}

/** The states named in the bench and the tests, largest last. */
export function namedStates(): StateRelease[] {
  const seven = unitsOf('paragraph', 7)
  const forty = mixedUnits(40)
  return [
    releaseState('english-only', mixedUnits(12), {type: 'no-khmer'}, true),
    releaseState('khmer-only', mixedUnits(12), {type: 'no-english'}, true),
    releaseState('khmer-headline-only', seven, {type: 'khmer-headline-only'}, true),
    releaseState('khmer-empty', seven, {type: 'khmer-empty'}, true),
    releaseState('half-translated', forty, {type: 'khmer-stops', at: 20}, true),
    releaseState('passage-skipped', forty, {type: 'khmer-skips', from: 12, to: 15}),
    releaseState('khmer-longer', mixedUnits(20), {type: 'khmer-adds', at: 20, extra: mixedUnits(3, 4)}),
    releaseState('paragraphs-200', unitsOf('paragraph', 200), {type: 'full'}),
    releaseState('list-items-500', unitsOf('item', 500), {type: 'full'}),
    releaseState('same-amount-100-items', Array.from({length: 100}, () => bilingualUnit('item', 1)), {type: 'full'}),
    // As long as the reader takes (1 MB a release, 20,000 characters a paragraph), slips in every sentence.
    releaseState('spacing-slips-longest', Array.from({length: 12}, () => slippedParagraph(40 * 1024)), {type: 'full'}),
    releaseState('paragraph-5mb', [hugeParagraph(5 * 1024 * 1024, 'km')], {type: 'full'})
  ]
}
