/**
 * Cross-checks the cluster scanner against HarfBuzz itself: Debian's
 * hb-shape 6.0 with Noto Sans Khmer draws a dotted circle (`uni25CC`)
 * exactly where the scanner finds a broken cluster. hb-shape must be
 * installed; without it these tests fail rather than skip.
 */
import {spawnSync} from 'node:child_process'
import path from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {repoRoot} from '../test/project.js'
import {formatCodePoints, isValidSyllable, normalizeCluster, scanClusters, type ClusterProblem} from './cluster.js'

const font = path.join(repoRoot, 'fonts/NotoSansKhmer-Regular.ttf')

/** Shapes each text through one hb-shape process (one input line per text) and returns one output line each. */
function hbShape(texts: readonly string[], options: string[] = []): string[] {
  for (const text of texts) if (/[\n\r]/.test(text)) throw new Error(`hb-shape reads lines; ${formatCodePoints(text)} has a line break`)
  const result = spawnSync('hb-shape', [font, '--script=khmr', '--direction=ltr', ...options], {
    input: texts.join('\n') + '\n',
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024
  })
  if (result.error) throw new Error(`hb-shape could not run (install libharfbuzz-bin): ${result.error.message}`)
  if (result.status !== 0) throw new Error(`hb-shape failed: ${result.stderr}`)
  const lines = result.stdout.split('\n').slice(0, -1)
  if (lines.length !== texts.length) throw new Error(`hb-shape gave ${lines.length} lines for ${texts.length} texts`)
  return lines
}

/**
 * What a line of hb-shape output draws: each glyph with its absolute
 * position, sorted, so that marks listed in another order but placed the
 * same compare equal.
 */
function drawn(line: string): string {
  let x = 0
  const glyphs: string[] = []
  for (const glyph of line.slice(1, -1).split('|')) {
    const match = /^([^@+=]+)(?:=\d+)?(?:@(-?\d+),(-?\d+))?\+(-?\d+)$/.exec(glyph)
    if (!match) throw new Error(`unexpected hb-shape glyph ${glyph}`)
    const [, name, dx = '0', dy = '0', advance] = match
    glyphs.push(`${name}@${x + Number(dx)},${dy}`)
    x += Number(advance)
  }
  return glyphs.sort().join('|')
}

/** One character of each HarfBuzz category, plus the invisible and neighbouring characters that matter. */
const pick = [
  '\u1780', // C
  '\u179a', // Ra
  '\u17a5', // V
  '\u17d2', // Coeng
  '\u17c9', // Robatic (shifter)
  '\u17cc', // Robatic (robat)
  '\u17c6', // Xgroup
  '\u17c7', // Ygroup
  '\u17d3', // Ygroup
  '\u17c1', // VPre
  '\u17bb', // VBlw
  '\u17b7', // VAbv
  '\u17b6', // VPst
  '\u17c4', // split vowel, VPre + VPst
  '\u17be', // split vowel, VPre + VAbv
  '\u200c', // ZWNJ
  '\u200d', // ZWJ
  '\u200b', // ZWSP
  ' ',
  '\u17e1', // placeholder (Khmer digit)
  '\u17d4', // Khmer full stop
  '\u17b4' // deprecated invisible vowel
]

/** Every character the scanner gives a category to, and some it does not. */
const alphabet = [
  ...pick,
  '\u179f', '\u1784', '\u1794', '\u17a2', '\u17a3', '\u17a4', '\u17b3',
  '\u17ca', '\u17cb', '\u17cd', '\u17ce', '\u17cf', '\u17d0', '\u17d1', '\u17c8', '\u17dd',
  '\u17c2', '\u17c3', '\u17bc', '\u17bd', '\u17b8', '\u17b9', '\u17ba', '\u17bf', '\u17c0', '\u17c5',
  '\u17b5', '\u17dc', '\u17d7', '\u17d8', '\u2060', '\u00a0', '1', '-', 'a', '(', '\u17e0'
]

function generatedTexts(): string[] {
  const texts = new Set<string>()
  for (const a of pick) {
    texts.add(a)
    for (const b of pick) {
      texts.add(a + b)
      for (const c of pick) texts.add('\u1780' + a + b + c)
    }
  }
  const random = fc.array(fc.constantFrom(...alphabet), {minLength: 1, maxLength: 10}).map((chars) => chars.join(''))
  for (const text of fc.sample(random, {seed: 2026, numRuns: 6000})) texts.add(text)
  return [...texts]
}

/**
 * Problems reported although HarfBuzz draws no dotted circle: a coeng with
 * no consonant after it, the same subscript twice, the same sign twice.
 */
const beyondHarfBuzz: readonly ClusterProblem[] = ['trailing-coeng', 'invisible-in-cluster', 'repeated-subscript', 'repeated-sign']
const repeats: readonly ClusterProblem[] = ['repeated-subscript', 'repeated-sign']

describe('scanClusters against hb-shape', () => {
  const texts = generatedTexts()
  const shaped = hbShape(texts, ['--no-positions', '--no-clusters'])

  it('finds a broken cluster exactly where HarfBuzz draws a dotted circle', () => {
    const disagreements: string[] = []
    let broken = 0
    for (const [i, text] of texts.entries()) {
      const hasCircle = shaped[i]!.includes('uni25CC')
      const scan = scanClusters(text)
      const hasBroken = scan.clusters.some((cluster) => cluster.kind === 'broken')
      const flagged = scan.invalid.some((span) => span.dottedCircle)
      if (hasCircle) broken++
      if (hasCircle !== hasBroken || hasCircle !== flagged) disagreements.push(`${formatCodePoints(text)}: hb-shape ${shaped[i]}, scanner ${hasBroken}`)
    }
    console.info(`hb-shape cross-check: ${texts.length} sequences, ${broken} with a dotted circle, ${disagreements.length} disagreements`)
    expect(disagreements.slice(0, 20)).toEqual([])
    expect(broken).toBeGreaterThan(1000)
  })

  it('reports beyond HarfBuzz only a coeng with no consonant after it and characters typed twice', () => {
    const extra = new Map<ClusterProblem, number>()
    let sequences = 0
    for (const [i, text] of texts.entries()) {
      if (shaped[i]!.includes('uni25CC')) continue
      const {invalid} = scanClusters(text)
      if (invalid.length > 0) sequences++
      for (const span of invalid) {
        expect(span.dottedCircle, formatCodePoints(text)).toBe(false)
        expect(beyondHarfBuzz, formatCodePoints(text)).toContain(span.problem)
        if (repeats.includes(span.problem)) {
          // A repeat: the span is what stands right before it, typed again (once or more).
          const before = text.slice(0, span.start)
          const unit = [1, 2].map((n) => before.slice(-n)).find((u) => span.text === u.repeat(span.text.length / u.length))
          expect(unit, formatCodePoints(text)).toBeDefined()
        } else {
          // Each of the other spans follows a coeng (or is one).
          expect(text.slice(0, span.start + 1).includes('\u17d2'), formatCodePoints(text)).toBe(true)
        }
        extra.set(span.problem, (extra.get(span.problem) ?? 0) + 1)
      }
    }
    console.info(`reported without a dotted circle: ${sequences} sequences; ${[...extra].map(([problem, n]) => `${problem} ${n}`).join(', ')}`)
    expect(extra.get('trailing-coeng')).toBeGreaterThan(0)
    expect(extra.get('repeated-sign')).toBeGreaterThan(0)
  })

  it('known cases agree with hb-shape', () => {
    const cases: Array<[string, boolean]> = [
      ['\u1780\u17b6', false],
      [' \u17b6', true],
      ['\u17d2\u1780', true],
      ['\u1780\u17d2\u17d2\u1780', true],
      ['\u1780\u17d2', false],
      ['\u1780\u17b6\u17b6', true],
      ['\u1780\u17b7\u17bb', true],
      ['\u1780\u17c7\u17b6', true],
      ['\u1780\u17b6\u17c9', true],
      ['\u1780\u200b\u17b6', true],
      ['\u1780\u200c\u17b6', true],
      ['\u1780\u17c9\u200c\u17b7', false]
    ]
    const lines = hbShape(cases.map(([text]) => text), ['--no-positions', '--no-clusters'])
    cases.forEach(([text, circle], i) => {
      expect(lines[i]!.includes('uni25CC'), formatCodePoints(text)).toBe(circle)
      expect(scanClusters(text).clusters.some((cluster) => cluster.kind === 'broken'), formatCodePoints(text)).toBe(circle)
    })
  })
})

describe('normalizeCluster against hb-shape', () => {
  const reordered = (): string[] => {
    const clusters = new Set<string>()
    for (const text of generatedTexts()) {
      for (const cluster of scanClusters(text).clusters) {
        if (isValidSyllable(cluster.text) && normalizeCluster(cluster.text) !== cluster.text) clusters.add(cluster.text)
      }
    }
    return [...clusters]
  }

  it('draws the same characters, with no dotted circle', () => {
    const originals = reordered()
    const normalized = originals.map(normalizeCluster)
    const before = hbShape(originals, ['--no-clusters'])
    const after = hbShape(normalized, ['--no-clusters'])
    // Glyph names without alternate suffixes (`uni17C6.r`), ligatures split into their parts (`uni178017B6`).
    const names = (line: string) =>
      drawn(line)
        .split('|')
        .flatMap((glyph) => glyph.replace(/[.@].*/, '').replace(/^uni/, '').match(/[0-9A-F]{4}|.+/g) ?? [])
        .sort()
        .join(' ')
    const lost = originals.flatMap((text, i) =>
      names(before[i]!) === names(after[i]!) ? [] : [`${formatCodePoints(text)} -> ${formatCodePoints(normalized[i]!)}: ${before[i]} / ${after[i]}`]
    )
    const moved = originals.filter((_, i) => drawn(before[i]!) !== drawn(after[i]!)).length
    console.info(`normalizeCluster: ${originals.length} reordered clusters; ${moved} with marks stacked or placed differently, ${lost.length} with other characters drawn`)
    expect(originals.length).toBeGreaterThan(100)
    expect(lost).toEqual([])
    for (const text of normalized) expect(isValidSyllable(text), formatCodePoints(text)).toBe(true)
  })

  it('draws the same glyphs at the same places for coeng-Ro, robat, shifter and split-vowel fixes', () => {
    const cases: Array<[string, string]> = [
      ['\u179f\u17d2\u179a\u17d2\u178f\u17b8', '\u179f\u17d2\u178f\u17d2\u179a\u17b8'],
      ['\u1780\u17d2\u179a\u17d2\u1780', '\u1780\u17d2\u1780\u17d2\u179a'],
      ['\u1784\u17d2\u179a\u17d2\u1782\u17c4', '\u1784\u17d2\u1782\u17d2\u179a\u17c4'],
      ['\u1780\u17c9\u17d2\u1780', '\u1780\u17d2\u1780\u17c9'],
      ['\u1780\u17d2\u1780\u17cc', '\u1780\u17cc\u17d2\u1780'],
      ['\u1780\u17c1\u17b6', '\u1780\u17c4'],
      ['\u1780\u17c1\u17b8', '\u1780\u17be'],
      ['\u1796\u17d2\u179a\u17c1\u17b6', '\u1796\u17d2\u179a\u17c4']
    ]
    for (const [typed, standard] of cases) expect(normalizeCluster(typed), formatCodePoints(typed)).toBe(standard)
    const before = hbShape(cases.map(([typed]) => typed), ['--no-clusters'])
    const after = hbShape(cases.map(([, standard]) => standard), ['--no-clusters'])
    cases.forEach(([typed], i) => expect(drawn(after[i]!), formatCodePoints(typed)).toBe(drawn(before[i]!)))
  })
})
