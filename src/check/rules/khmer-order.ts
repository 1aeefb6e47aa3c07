/**
 * khmer-order: Khmer clusters are typed in the standard storage order:
 * base, robat, subscripts (coeng-Ro last), register shifter, vowel, above
 * signs, final signs [SIL khnormal]. Another order can look the same, or
 * nearly, but does not match a search, a glossary or the other language's
 * figures. Reported: coeng-Ro `U+17D2 U+179A` before another subscript, a
 * sign typed before the vowel (`U+17C6 U+17B6`), a split vowel typed in two
 * parts (`U+17C1 U+17B6` for U+17C4, `U+17C1 U+17B8` for U+17BE), and any
 * other piece out of that order. The fix rewrites the cluster in the
 * standard order; it leaves alone clusters with a joiner or followed by
 * marks that could not join them (khmer-cluster reports those), and never
 * turns a valid cluster into one drawn with a dotted circle.
 *
 * @example releases/2026/010-ok.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Women and children
 *   # ខ្មែរ
 *   ## ស្ត្រី និងកុមារ
 *
 *   កម្ពុជា ការងារ ខេត្ត
 *
 * @example releases/2026/010-order.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Women and children
 *   # ខ្មែរ
 *   ## ស្រ្តី និងកុមារ
 *
 *   កម្ពុជា ការងំារ ខេត្ត
 *
 *   ពោធិ៍សាត់ ពេាធិ៍សាត់
 *
 * @expect releases/2026/010-order.md 8:4 Khmer `ស្រ្តី` is typed out of order: coeng-Ro ◌្រ (U+17D2 U+179A) before another subscript; write ស្ត្រី (U+179F U+17D2 U+178F U+17D2 U+179A U+17B8)
 * @expect releases/2026/010-order.md 10:12 Khmer `ងំា` is typed out of order: sign ◌ំ (U+17C6) before the vowel ◌ា (U+17B6); write ងាំ (U+1784 U+17B6 U+17C6)
 * @expect releases/2026/010-order.md 12:11 Khmer `ពេា` is typed out of order: ◌េា (U+17C1 U+17B6) is the vowel ◌ោ (U+17C4) typed in two parts; write ពោ (U+1796 U+17C4)
 */
import {COENG, RO, isVowel, khmerCategory, normalizeCluster, scanClusters} from '../../khmer/cluster.js'
import {describeKhmer} from '../../khmer/describe.js'
import {spanInSource} from '../../khmer/span.js'
import {sectionsOf, sectionTextNodes} from '../../release/text.js'
import {defineRule} from '../rule.js'

/** Says which departure from the standard order `typed` shows, the most telling first. */
function describeOrder(typed: string): string {
  const cps = [...typed].map((char) => char.codePointAt(0)!)
  for (const [first, second, vowel] of [
    [0x17c1, 0x17b6, 0x17c4],
    [0x17c1, 0x17b8, 0x17be]
  ] as const) {
    const at = cps.indexOf(first)
    if (at >= 0 && cps.slice(at + 1).some((cp, i) => cp === second && cps.slice(at + 1, at + 1 + i).every((between) => !isVowel(khmerCategory(between))))) {
      return `${describeKhmer(String.fromCodePoint(first, second))} is the vowel ${describeKhmer(String.fromCodePoint(vowel))} typed in two parts`
    }
  }
  const ro = cps.findIndex((cp, i) => cp === COENG && cps[i + 1] === RO)
  if (ro >= 0 && cps.slice(ro + 2).some((cp, i, rest) => cp === COENG && rest[i + 1] !== RO)) {
    return `coeng-Ro ${describeKhmer('\u17d2\u179a')} before another subscript`
  }
  const vowelAt = cps.findIndex((cp) => isVowel(khmerCategory(cp)))
  const sign = cps.slice(0, Math.max(vowelAt, 0)).find((cp) => {
    const category = khmerCategory(cp)
    return category === 'Xgroup' || category === 'Ygroup'
  })
  if (vowelAt >= 0 && sign !== undefined) {
    return `sign ${describeKhmer(String.fromCodePoint(sign))} before the vowel ${describeKhmer(String.fromCodePoint(cps[vowelAt]!))}`
  }
  return 'the order is base, robat, subscripts, register shifter, vowel, signs'
}

export default defineRule({
  id: 'khmer-order',
  severity: 'warning',
  summary: 'Khmer clusters are typed in the standard order',
  fixable: true,
  checkRelease(release, {source, report}) {
    for (const section of sectionsOf(release)) {
      for (const node of sectionTextNodes(section)) {
        if (!/[\u1780-\u17ff]/.test(node.value)) continue
        const {clusters} = scanClusters(node.value)
        for (const [i, cluster] of clusters.entries()) {
          if (cluster.kind !== 'syllable') continue
          // Marks right after it that could not join it are khmer-cluster's to report; reordering now could change the clusters.
          const next = clusters[i + 1]
          if (next?.kind === 'broken' && next.start === cluster.end) continue
          const standard = normalizeCluster(cluster.text)
          if (standard === cluster.text) continue
          const span = spanInSource(source, node, cluster.start, cluster.end)
          const fix = span.replace(standard)
          report({
            reason: `Khmer \`${cluster.text}\` is typed out of order: ${describeOrder(cluster.text)}; write ${describeKhmer(standard)}`,
            place: span.position,
            actual: cluster.text,
            expected: [standard],
            ...(fix ? {fix} : {})
          })
        }
      }
    }
  }
})
