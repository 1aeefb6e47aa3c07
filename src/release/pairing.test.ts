import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import type {Position} from './model.js'
import {parseRelease} from './parse.js'
import {alignmentCost, pairUnits, sectionUnits, type Unit, type UnitKind, type UnitPair} from './pairing.js'

/** More runs with FUZZ_RUNS=20000 npm test. */
const runs = Number(process.env.FUZZ_RUNS ?? 300)

const kinds: readonly UnitKind[] = ['paragraph', 'subhead', 'item', 'quote']
const nowhere: Position = {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: 1, offset: 0}}

/** A unit as the aligner sees it: only its kind and the length of its text count. */
function makeUnit(kind: UnitKind, text: string): Unit {
  return {kind, block: {type: 'paragraph', children: [], position: nowhere}, children: [], text, position: nowhere}
}

const unitArb = fc
  .tuple(fc.constantFrom(...kinds), fc.oneof(fc.nat({max: 40}), fc.nat({max: 3000})), fc.boolean())
  .map(([kind, length, spaced]) => makeUnit(kind, spaced ? 'ab '.repeat(Math.ceil(length / 3)) : 'x'.repeat(length)))
const section = (maxLength: number) => fc.array(unitArb, {maxLength})

/** Each side's units in the order the pairs hold them; no pair is empty. */
function sides(pairs: readonly UnitPair[]) {
  for (const pair of pairs) expect(pair.en !== null || pair.km !== null).toBe(true)
  return {en: pairs.flatMap((pair) => (pair.en ? [pair.en] : [])), km: pairs.flatMap((pair) => (pair.km ? [pair.km] : []))}
}

/**
 * Every alignment of en and km, listed one by one (no table): the reference
 * the dynamic programme must match on small inputs.
 */
function* alignments(en: readonly Unit[], km: readonly Unit[], i = 0, j = 0, prefix: UnitPair[] = []): Generator<UnitPair[]> {
  if (i === en.length && j === km.length) {
    yield prefix
    return
  }
  if (i < en.length && j < km.length) yield* alignments(en, km, i + 1, j + 1, [...prefix, {en: en[i]!, km: km[j]!}])
  if (i < en.length) yield* alignments(en, km, i + 1, j, [...prefix, {en: en[i]!, km: null}])
  if (j < km.length) yield* alignments(en, km, i, j + 1, [...prefix, {en: null, km: km[j]!}])
}

describe('pairUnits', () => {
  it('keeps every unit of both sides exactly once, in order, for sections of 0–300 units', () => {
    fc.assert(
      fc.property(section(300), section(300), (en, km) => {
        const pairs = pairUnits(en, km)
        const got = sides(pairs)
        expect(got.en).toEqual(en)
        expect(got.km).toEqual(km)
        // Identity, not only equality: the very units given.
        got.en.forEach((unit, i) => expect(unit).toBe(en[i]))
        got.km.forEach((unit, i) => expect(unit).toBe(km[i]))
      }),
      {numRuns: Math.max(30, Math.floor(runs / 5))}
    )
  })

  it('finds an alignment of least cost (against every alignment, listed one by one)', () => {
    fc.assert(
      fc.property(section(5), section(5), (en, km) => {
        let best = Infinity
        for (const alignment of alignments(en, km)) best = Math.min(best, alignmentCost(en, km, alignment))
        expect(alignmentCost(en, km, pairUnits(en, km))).toBe(best)
      }),
      {numRuns: runs}
    )
  })

  it('aligns long sections in pieces within the table bound, still keeping every unit once, in order', () => {
    fc.assert(
      fc.property(section(120), section(120), fc.integer({min: 4, max: 400}), (en, km, maxCells) => {
        const got = sides(pairUnits(en, km, {maxCells}))
        expect(got.en).toEqual(en)
        expect(got.km).toEqual(km)
      }),
      {numRuns: Math.max(30, Math.floor(runs / 5))}
    )
  })

  it('pairs equal sections one to one, and a section missing a unit leaves that one alone', () => {
    const lengths = [120, 340, 80, 410, 200]
    const en = lengths.map((length) => makeUnit('paragraph', 'e'.repeat(length)))
    const km = lengths.map((length) => makeUnit('paragraph', 'k'.repeat(length)))
    expect(pairUnits(en, km).map((pair) => [pair.en && en.indexOf(pair.en), pair.km && km.indexOf(pair.km)])).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4]
    ])
    const withoutThird = km.filter((_, i) => i !== 2)
    expect(pairUnits(en, withoutThird).map((pair) => [pair.en && en.indexOf(pair.en), pair.km && withoutThird.indexOf(pair.km)])).toEqual([
      [0, 0],
      [1, 1],
      [2, null],
      [3, 2],
      [4, 3]
    ])
  })

  it('ends on a release whose Khmer section holds only its headline (7 English paragraphs)', () => {
    const paragraphs = Array.from({length: 7}, (_, i) => `Paragraph ${i + 1} of the English text, waiting for its translation.`).join('\n\n')
    const text = `---\nref: No. 10 PR-26/EoJ\ndate: 2026-02-18\ndraft: true\n---\n# English\n## A grant\n\n${paragraphs}\n\n# ខ្មែរ\n## ជំនួយ\n`
    const {release} = parseRelease('releases/2026/010-wait.md', new TextEncoder().encode(text))
    const en = sectionUnits(release.sections.en!)
    const pairs = pairUnits(en, sectionUnits(release.sections.km!))
    expect(pairs).toHaveLength(7)
    expect(pairs.every((pair, i) => pair.en === en[i] && pair.km === null)).toBe(true)
  })
})
