/**
 * digits: numbers are written in one digit style. A number that mixes Latin
 * and Khmer digits (`១,0០០`) is reported anywhere. In the Khmer section the
 * style follows `khmerDigits` in pressroom.yaml: with `khmer`, Latin digits
 * are reported; with `latin`, Khmer digits; with `either`, only mixing.
 *
 * Left as written, whatever the style: digits inside a Latin-script token
 * (`PR-26/EoJ`, `COVID-19`, `US$1,000`), a URL or an e-mail address, since
 * they belong to that token; the release reference in the pattern of
 * pressroom.yaml (`No. 10 PR-26/EoJ`); and phone numbers (8 or more digits
 * starting with `0` or `+`, as `023 217 161`), which readers dial or copy
 * from Latin keypads and contact cards.
 *
 * @example releases/2026/010-ok.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides US$1,000,000
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ថវិកាចំនួន ១,០០០,០០០ ដុល្លារអាមេរិក
 *
 *   លេខ No. 10 PR-26/EoJ ទូរស័ព្ទ 023 217 161 https://www.kh.emb-japan.go.jp/2026
 *
 * @example releases/2026/010-digits.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides US$1,000,000
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ថវិកាចំនួន ១,0០០,០០០ ដុល្លារអាមេរិក
 *
 *   ឆ្នាំ2026
 *
 * @expect releases/2026/010-digits.md 8:25 Number `១,0០០,០០០` mixes Latin and Khmer digits; write `១,០០០,០០០`
 * @expect releases/2026/010-digits.md 10:6 Number `2026` has Latin digits, but khmerDigits is `khmer`; write `២០២៦`
 */
import type {Config} from '../../config/model.js'
import {compileReference} from '../../config/reference.js'
import {toKhmerDigits, toLatinDigits} from '../../facts/numerals.js'
import {spanInSource} from '../../khmer/span.js'
import type {Lang} from '../../release/model.js'
import {sectionsOf, sectionTextNodes} from '../../release/text.js'
import {defineRule} from '../rule.js'

type Style = 'khmer' | 'latin'

const number = /[0-9\u17e0-\u17e9]+(?:[.,][0-9\u17e0-\u17e9]+)*/g
/** Characters of a Latin-script token, URL or e-mail address around a number. */
const tokenChar = /[A-Za-z0-9\u17e0-\u17e9._\-/:@$%#+&=?~]/
const phone = /\+?[0-9\u17e0-\u17e9](?:[0-9\u17e0-\u17e9]|[ -](?=[0-9\u17e0-\u17e9]))*/g

function writeIn(style: Style, text: string): string {
  return style === 'khmer' ? toKhmerDigits(text) : toLatinDigits(text)
}

/**
 * Offsets covered by phone numbers and by references in the configured
 * pattern (`No. 10 PR-26/EoJ`), which keep the digits they were written with.
 */
function keptSpans(text: string, reference: RegExp): Array<[number, number]> {
  const phones = [...text.matchAll(phone)].filter(
    (match) => /^[+0\u17e0]/.test(match[0]) && (match[0].match(/[0-9\u17e0-\u17e9]/g)?.length ?? 0) >= 8
  )
  return [...phones, ...text.matchAll(reference)].map((match) => [match.index, match.index + match[0].length])
}

/** Whether the number at start…end is part of a Latin-script token, URL or e-mail address. */
function inLatinToken(text: string, start: number, end: number): boolean {
  let from = start
  while (from > 0 && tokenChar.test(text[from - 1]!)) from--
  let to = end
  while (to < text.length && tokenChar.test(text[to]!)) to++
  return /[A-Za-z@]/.test(text.slice(from, to))
}

/** The style a number must have in a section, or null when any single style will do. */
function requiredStyle(lang: Lang, config: Config): Style | null {
  if (lang === 'en') return null
  return config.khmerDigits === 'either' ? null : config.khmerDigits
}

export default defineRule({
  id: 'digits',
  severity: 'warning',
  summary: 'Numbers use one digit style, as khmerDigits sets for Khmer text',
  fixable: true,
  checkRelease(release, {config, source, report}) {
    // The configured pattern compiles to an anchored regex; find it anywhere instead.
    const reference = new RegExp(compileReference(config.reference).regex.source.replace(/^\^|\$$/g, ''), 'gu')
    for (const section of sectionsOf(release)) {
      const required = requiredStyle(section.lang, config)
      for (const node of sectionTextNodes(section)) {
        const value = node.value
        if (!/[0-9\u17e0-\u17e9]/.test(value)) continue
        const kept = required ? keptSpans(value, reference) : []
        for (const match of value.matchAll(number)) {
          const written = match[0]
          const start = match.index
          const end = start + written.length
          const latin = written.match(/[0-9]/g)?.length ?? 0
          const khmer = written.match(/[\u17e0-\u17e9]/g)?.length ?? 0
          let reason: string
          let expected: string
          if (latin > 0 && khmer > 0) {
            const style: Style = required ?? (section.lang === 'en' ? 'latin' : latin > khmer ? 'latin' : 'khmer')
            expected = writeIn(style, written)
            reason = `Number \`${written}\` mixes Latin and Khmer digits; write \`${expected}\``
          } else {
            if (!required) continue
            const style: Style = latin > 0 ? 'latin' : 'khmer'
            if (style === required) continue
            if (kept.some(([from, to]) => start >= from && end <= to)) continue
            if (style === 'latin' && inLatinToken(value, start, end)) continue
            expected = writeIn(required, written)
            reason = `Number \`${written}\` has ${style === 'latin' ? 'Latin' : 'Khmer'} digits, but khmerDigits is \`${required}\`; write \`${expected}\``
          }
          const span = spanInSource(source, node, start, end)
          const fix = span.replace(expected)
          report({reason, place: span.position, actual: written, expected: [expected], ...(fix ? {fix} : {})})
        }
      }
    }
  }
})
