/**
 * inconsistent-translation: the archive translates the same English the same
 * way. Compares each release with the releases before it (by date, then
 * number), through the translation memory:
 * - the same English sentence (amounts, dates, figures and glossary terms
 *   aside) translated differently from the latest earlier release that has it;
 * - the same Khmer sentence standing for different English;
 * - a glossary term whose Khmer is written differently from the latest
 *   earlier release that uses it (another listed variant, or coeng Da for
 *   coeng Ta), though each release alone passes `glossary`.
 * Sentences of fewer than two English words besides placeables are not
 * compared. Spacing and U+200B do not count as differences.
 *
 * @example releases/2026/009-grant.md
 *   ---
 *   ref: No. 9 PR-26/EoJ
 *   date: 2026-02-10
 *   ---
 *   # English
 *   ## Japan supports the ILO
 *   The Grant Contracts will be signed today by the Ambassador of Japan.
 *
 *   The International Labour Organization will train 300 workers in Pursat.
 *   # ខ្មែរ
 *   ## ជប៉ុនគាំទ្រ ILO
 *   កិច្ចសន្យាផ្តល់ជំនួយនឹងត្រូវចុះហត្ថលេខានៅថ្ងៃនេះដោយឯកអគ្គរាជទូតជប៉ុន។
 *
 *   អង្គការពលកម្មអន្តរជាតិនឹងបណ្តុះបណ្តាលពលករ ៣០០ នាក់នៅខេត្តពោធិ៍សាត់។
 *
 * @example releases/2026/010-grant.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan supports the ILO again
 *   The Grant Contracts will be signed today by the Ambassador of Japan.
 *
 *   The International Labour Organization will train 450 workers in Pursat.
 *   # ខ្មែរ
 *   ## ជប៉ុនគាំទ្រ ILO ម្តងទៀត
 *   កិច្ចសន្យាជំនួយនឹងចុះហត្ថលេខាថ្ងៃនេះដោយឯកអគ្គរាជទូតជប៉ុន។
 *
 *   អង្គការពលកម្មអន្ដរជាតិនឹងបណ្តុះបណ្តាលពលករ ៤៥០ នាក់នៅខេត្តពោធិ៍សាត់។
 *
 * @example releases/2026/011-visit.md
 *   ---
 *   ref: No. 11 PR-26/EoJ
 *   date: 2026-02-25
 *   ---
 *   # English
 *   ## A visit to Pursat
 *   The Grant Contracts will be signed tomorrow by the Ambassador of Japan.
 *   # ខ្មែរ
 *   ## ទស្សនកិច្ចនៅខេត្តពោធិ៍សាត់
 *   កិច្ចសន្យាផ្តល់ជំនួយនឹងត្រូវចុះហត្ថលេខានៅថ្ងៃនេះដោយឯកអគ្គរាជទូតជប៉ុន។
 *
 * @expect releases/2026/010-grant.md 12:1 The English “The Grant Contracts will be signed today by the Ambassador of Japan.” is translated differently in releases/2026/009-grant.md:12 (No. 9 PR-26/EoJ, 2026-02-10): “កិច្ចសន្យាផ្តល់ជំនួយនឹងត្រូវចុះហត្ថលេខានៅថ្ងៃនេះដោយឯកអគ្គរាជទូតជប៉ុន។”; here: “កិច្ចសន្យាជំនួយនឹងចុះហត្ថលេខាថ្ងៃនេះដោយឯកអគ្គរាជទូតជប៉ុន។”
 * @expect releases/2026/010-grant.md 14:1 Glossary term `International Labour Organization` is written អង្គការពលកម្មអន្ដរជាតិ (U+1793 U+17D2 U+178A) here but អង្គការពលកម្មអន្តរជាតិ (U+1793 U+17D2 U+178F) in releases/2026/009-grant.md:14 (No. 9 PR-26/EoJ, 2026-02-10)
 * @expect releases/2026/011-visit.md 10:1 The Khmer “កិច្ចសន្យាផ្តល់ជំនួយនឹងត្រូវចុះហត្ថលេខានៅថ្ងៃនេះដោយឯកអគ្គរាជទូតជប៉ុន។” stands for other English in releases/2026/009-grant.md:7 (No. 9 PR-26/EoJ, 2026-02-10): “The Grant Contracts will be signed today by the Ambassador of Japan.”; here: “The Grant Contracts will be signed tomorrow by the Ambassador of Japan.”
 */
import type {Memory, ReleaseMemory, TermUse} from '../../memory/memory.js'
import type {Segment} from '../../memory/segments.js'
import {defineRule, type Finding} from '../rule.js'

export default defineRule({
  id: 'inconsistent-translation',
  severity: 'warning',
  summary: 'The archive translates the same sentence, and each glossary term, the same way',
  checkProject(releases, {report, memory}) {
    const byPath = new Map(releases.map((release) => [release.path, release]))
    const reportAt = (path: string, finding: Finding) => {
      const release = byPath.get(path)
      if (release) report(release, finding)
    }
    compareSentences(memory, reportAt)
    compareTerms(memory, reportAt)
  }
})

interface Seen {
  release: ReleaseMemory
  segment: Segment
  enKey: string
  kmKey: string
}

/**
 * One pass over the archive from the oldest release, keeping for each
 * English and each Khmer key the latest occurrence: an index, not a
 * comparison of every pair.
 */
function compareSentences(memory: Memory, report: (path: string, finding: Finding) => void) {
  const byEnglish = new Map<string, Seen>()
  const byKhmer = new Map<string, Seen>()
  for (const release of memory.releases.values()) {
    const seen: Seen[] = []
    for (const segment of release.segments) {
      if (segment.keys) seen.push({release, segment, enKey: segment.keys.en, kmKey: segment.keys.km})
    }
    for (const here of seen) {
      const {en, km} = here.segment
      const place = {line: km.line, column: km.column, offset: km.offset}
      const sameEnglish = byEnglish.get(here.enKey)
      if (sameEnglish && sameEnglish.kmKey !== here.kmKey) {
        const [before, now] = shorten(sameEnglish.segment.km.text, km.text)
        report(here.release.path, {
          reason: `The English “${opening(en.text)}” is translated differently in ${where(sameEnglish.release, sameEnglish.segment.km.line)}: “${before}”; here: “${now}”; use one translation, here or there`,
          place,
          actual: km.text,
          expected: [sameEnglish.segment.km.text]
        })
      }
      const sameKhmer = byKhmer.get(here.kmKey)
      if (sameKhmer && sameKhmer.enKey !== here.enKey) {
        const [before, now] = shorten(sameKhmer.segment.en.text, en.text)
        report(here.release.path, {
          reason: `The Khmer “${opening(km.text)}” stands for other English in ${where(sameKhmer.release, sameKhmer.segment.en.line)}: “${before}”; here: “${now}”; translate this English in its own words`,
          place,
          actual: km.text
        })
      }
    }
    // Added after the comparisons: a release is compared with earlier ones only.
    for (const here of seen) {
      byEnglish.set(here.enKey, here)
      byKhmer.set(here.kmKey, here)
    }
  }
}

function where(release: {path: string; ref: string | null; date: string | null}, line: number): string {
  const about = [release.ref, release.date].filter(Boolean).join(', ')
  return `${release.path}:${line}${about ? ` (${about})` : ''}`
}

/**
 * Long texts cut to where they differ, with some context on each side, so
 * that the message shows the difference. Cuts fall between Khmer clusters.
 */
function shorten(a: string, b: string): [string, string] {
  const limit = 160
  if (a.length <= limit && b.length <= limit) return [a, b]
  const context = 30
  let head = 0
  while (head < a.length && head < b.length && a[head] === b[head]) head++
  let tail = 0
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++
  const start = clusterStart(a, Math.max(0, head - context))
  const cut = (text: string) => {
    const end = clusterStart(text, Math.min(text.length, text.length - tail + context))
    return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`
  }
  return [cut(a), cut(b)]
}

/**
 * A long sentence quoted by its opening words: the message's position and
 * `actual` give the whole, and a report lined up in columns stays readable.
 */
function opening(text: string): string {
  const limit = 90
  if (text.length <= limit) return text
  const space = text.lastIndexOf(' ', limit)
  return `${text.slice(0, clusterStart(text, space > limit / 2 ? space : limit)).trimEnd()}…`
}

/** The nearest index at or before `i` where a Khmer cluster (or any other character) starts. */
function clusterStart(text: string, i: number): number {
  while (i > 0 && i < text.length && (/[\u17B6-\u17D3\u17DD]/.test(text[i]!) || text[i - 1] === '\u17D2')) i--
  return i
}

/**
 * For each glossary term, the Khmer as each release writes it (without
 * U+200B) against the latest earlier release that uses the term.
 */
function compareTerms(memory: Memory, report: (path: string, finding: Finding) => void) {
  const latest = new Map<string, {release: ReleaseMemory; forms: TermUse['forms']}>()
  for (const release of memory.releases.values()) {
    for (const {key, english, forms} of release.terms) {
      const before = latest.get(key)
      if (before) {
        const theirs = before.forms[0]!
        for (const mine of forms) {
          if (before.forms.some((known) => known.form === mine.form)) continue
          const [here, there] = describeForms(mine.form, theirs.form)
          report(release.path, {
            reason: `Glossary term \`${english}\` is written ${here} here but ${there} in ${where(before.release, theirs.start.line)}; write it the same way throughout the archive`,
            place: {start: mine.start, end: mine.end},
            actual: mine.form,
            expected: [theirs.form]
          })
        }
      }
      latest.set(key, {release, forms})
    }
  }
}

/**
 * Two spellings of a term: as written, and where they look alike (coeng Da
 * and coeng Ta), with the code points of the part that differs.
 */
function describeForms(a: string, b: string): [string, string] {
  const lookAlike = (text: string) => text.replace(/\u17D2\u178A/g, '\u17D2\u178F')
  if (lookAlike(a) !== lookAlike(b)) return [a, b]
  let head = 0
  while (a[head] === b[head]) head++
  let tail = 0
  while (tail < a.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++
  const part = (text: string) => {
    const start = clusterStart(text, head)
    const end = text.length - tail
    return [...text.slice(start, end)].map((char) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ')
  }
  return [`${a} (${part(a)})`, `${b} (${part(b)})`]
}
