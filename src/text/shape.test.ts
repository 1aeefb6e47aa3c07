/**
 * The engine's shaping against HarfBuzz's own serializer (hb_buffer_serialize
 * through harfbuzzjs, src/text/hb-shape.ts): the same text, context and
 * flags, shaped as hb-shape shapes it, must give the glyphs, clusters,
 * offsets and advances the PDF gets. Debian's hb-shape gives a second
 * opinion on the same runs, with the known differences of an older
 * HarfBuzz (src/test/debian-hb-shape.ts). The CLI test
 * (src/cli/shape.test.ts) runs the large generated corpus.
 */
import {readFileSync} from 'node:fs'
import * as hb from 'harfbuzzjs'
import {describe, expect, it} from 'vitest'
import {belowVowelAfterStack, debianHbShape, sameButBelowVowelY} from '../test/debian-hb-shape.js'
import {loadFont} from './fonts.js'
import {defaultHbShapeSettings, hbShape} from './hb-shape.js'
import {itemize, type TextRun} from './itemize.js'
import {shape, type GlyphRun} from './shape.js'

const fontPath = (name: string) => new URL(`../../fonts/${name}.ttf`, import.meta.url).pathname
const khmerFaces = ['NotoSansKhmer-Regular', 'NotoSansKhmer-Bold', 'NotoSerifKhmer-Regular', 'NotoSerifKhmer-Bold']

const seed = readFileSync(
  new URL('../../releases/2026/010-japan-grant-ilo-returning-migrant-workers.md', import.meta.url),
  'utf8'
)
const khmerSection = seed.split(/^# ខ្មែរ$/m)[1]!
const khmerParagraphs = khmerSection
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('# '))
  .map((line) => line.replace(/^(## |- )/, ''))

/** Every Khmer word of the seed: whitespace-separated tokens and ICU word segments. */
function seedWords(): string[] {
  const words = new Set<string>()
  const segmenter = new Intl.Segmenter('km', {granularity: 'word'})
  for (const paragraph of khmerParagraphs) {
    for (const token of paragraph.split(/\s+/)) words.add(token)
    for (const {segment} of segmenter.segment(paragraph)) words.add(segment)
  }
  // Khmer only: Latin words and brackets are the Latin face's business.
  return [...words].filter((word) => /^[\u1780-\u17FF\u19E0-\u19FF,“”]+$/u.test(word) && /[\u1780-\u17FF]/u.test(word))
}

const codePoints = (text: string) => [...text].map((char) => char.codePointAt(0)!)
const hex = (text: string) => codePoints(text).map((codePoint) => codePoint.toString(16).padStart(4, '0')).join(',')

/** A run of `paragraph` as hb-shape would be asked to shape it: the run's text, the rest as context. */
function hbShapeRequest(paragraph: string, run: TextRun) {
  const flags = (run.startUtf16 === 0 ? hb.BufferFlag.BOT : 0) | (run.endUtf16 === paragraph.length ? hb.BufferFlag.EOT : 0)
  return {
    text: codePoints(paragraph.slice(run.startUtf16, run.endUtf16)),
    settings: {
      ...defaultHbShapeSettings,
      direction: 'ltr',
      script: run.script === 'Zyyy' ? undefined : run.script,
      language: run.language,
      bufferFlags: flags,
      before: codePoints(paragraph.slice(0, run.startUtf16)),
      after: codePoints(paragraph.slice(run.endUtf16))
    },
    args: [
      run.font.path,
      `--unicodes=${hex(paragraph.slice(run.startUtf16, run.endUtf16))}`,
      `--unicodes-before=${hex(paragraph.slice(0, run.startUtf16))}`,
      `--unicodes-after=${hex(paragraph.slice(run.endUtf16))}`,
      '--direction=ltr',
      `--language=${run.language}`,
      ...(run.script === 'Zyyy' ? [] : [`--script=${run.script}`]),
      ...(run.startUtf16 === 0 ? ['--bot'] : []),
      ...(run.endUtf16 === paragraph.length ? ['--eot'] : [])
    ]
  }
}

interface SerializedGlyph {
  g: number
  cl: number
  dx: number
  dy: number
  ax: number
  ay: number
}

/** HarfBuzz's serialization (JSON, glyph ids) of the run, shaped as hb-shape shapes it. */
function serialized(paragraph: string, run: TextRun): SerializedGlyph[] {
  const {text, settings} = hbShapeRequest(paragraph, run)
  return JSON.parse(hbShape(run.font, text, 1, {...settings, format: 'json', glyphNames: false})) as SerializedGlyph[]
}

/** The engine's glyphs in the serializer's terms: clusters as code point indices from the run's start. */
function asSerialized(paragraph: string, run: TextRun, glyphRun: GlyphRun): SerializedGlyph[] {
  return glyphRun.glyphs.map((glyph) => ({
    g: glyph.glyphId,
    cl: [...paragraph.slice(run.startUtf16, glyph.clusterUtf16)].length,
    dx: glyph.offsetXUnits,
    dy: glyph.offsetYUnits,
    ax: glyph.advanceUnits,
    ay: 0
  }))
}

/** Each run of each Khmer paragraph of the seed, itemized as the PDF itemizes it. */
function seedRuns(face: string): Array<{paragraph: string; run: TextRun}> {
  const chain = [loadFont(fontPath(face)), loadFont(fontPath('NotoSans-Regular'))]
  return khmerParagraphs.flatMap((paragraph) => itemize(paragraph, chain, {language: 'km'}).runs.map((run) => ({paragraph, run})))
}

describe('shape against HarfBuzz\'s serializer', () => {
  const words = seedWords()

  it('finds the seed words', () => {
    expect(words.length).toBeGreaterThan(80)
    expect(words).toContain('ស្ថាប័ន')
    expect(words).toContain('១,០០០,០០០')
  })

  it.each(khmerFaces)('gives the glyphs, clusters, offsets and advances HarfBuzz gives for every seed word in %s', (face) => {
    const font = loadFont(fontPath(face))
    for (const word of words) {
      const run: TextRun = {startUtf16: 0, endUtf16: word.length, font, script: 'Khmr', language: 'km', direction: 'ltr'}
      const expected = serialized(word, run)
      expect(expected.length).toBeGreaterThan(0)
      expect.soft({word: hex(word), glyphs: asSerialized(word, run, shape(word, run))}).toEqual({word: hex(word), glyphs: expected})
    }
  })

  it.each(khmerFaces)('shapes each run in its paragraph as HarfBuzz does with the same context, in %s', (face) => {
    for (const {paragraph, run} of seedRuns(face)) {
      const glyphRun = shape(paragraph, run)
      // Clusters point into the paragraph, inside the run, in order.
      const clusters = glyphRun.glyphs.map((glyph) => glyph.clusterUtf16)
      expect(clusters.every((cluster) => cluster >= run.startUtf16 && cluster < run.endUtf16)).toBe(true)
      expect([...clusters].sort((a, b) => a - b)).toEqual(clusters)
      // The engine drops .notdef, which the seed's fonts never need.
      const expected = serialized(paragraph, run)
      expect(expected.some((glyph) => glyph.g === 0)).toBe(false)
      expect(asSerialized(paragraph, run, glyphRun)).toEqual(expected)
    }
  })

  it('draws a dotted circle under a mark that begins the text, as HarfBuzz does, and not under one after context', () => {
    const font = loadFont(fontPath('NotoSans-Regular'))
    const circle = font.hbFont.glyphFromName('uni25CC')
    expect(circle).toBeGreaterThan(0)
    // U+0301 alone at the beginning of text (BOT) gets a base to stand on; after `a` it has one.
    for (const [text, start, withCircle] of [['\u0301a', 0, true], ['a\u0301a', 1, false]] as const) {
      const run: TextRun = {startUtf16: start, endUtf16: text.length, font, script: 'Latn', language: 'en', direction: 'ltr'}
      const expected = serialized(text, run)
      expect(asSerialized(text, run, shape(text, run))).toEqual(expected)
      expect(expected.some((glyph) => glyph.g === circle)).toBe(withCircle)
    }
    // A broken Khmer cluster gets one anywhere (the Khmer shaper's own rule).
    const khmer = loadFont(fontPath('NotoSansKhmer-Regular'))
    const text = 'ក \u17B6'
    const run: TextRun = {startUtf16: 2, endUtf16: 3, font: khmer, script: 'Khmr', language: 'km', direction: 'ltr'}
    expect(asSerialized(text, run, shape(text, run))).toEqual(serialized(text, run))
    expect(shape(text, run).glyphs.map((glyph) => khmer.glyphName(glyph.glyphId))).toEqual(['uni25CC', 'uni17B6'])
  })

  it('maps clusters back to UTF-16 offsets past astral characters', () => {
    const text = '😀 ស្ត្រី'
    const font = loadFont(fontPath('NotoSansKhmer-Regular'))
    const run: TextRun = {startUtf16: 3, endUtf16: text.length, font, script: 'Khmr', language: 'km', direction: 'ltr'}
    const {glyphs} = shape(text, run)
    expect(glyphs.map((glyph) => [font.glyphName(glyph.glyphId), glyph.clusterUtf16])).toEqual([
      ['uni17D2179A', 3],
      ['uni179F', 3],
      ['uni17D2178F', 3],
      ['uni17B8', 3]
    ])
    expect(asSerialized(text, run, shape(text, run))).toEqual(serialized(text, run))
  })

  it('flags HarfBuzz unsafe-to-break positions', () => {
    const font = loadFont(fontPath('NotoSans-Regular'))
    const text = 'AV office'
    const {glyphs} = shape(text, {startUtf16: 0, endUtf16: text.length, font, script: 'Latn', language: 'en', direction: 'ltr'})
    expect(glyphs.map((glyph) => font.glyphName(glyph.glyphId))).toEqual(['A', 'V', 'space', 'o', 'f_f_i', 'c', 'e'])
    // Kerning joins A and V: a break between them would change their advances.
    expect(glyphs.map((glyph) => glyph.unsafeToBreak)).toEqual([false, true, false, false, false, false, false])
  })
})

describe('HarfBuzz\'s serializer against Debian\'s hb-shape, a second opinion', () => {
  it.each(khmerFaces)('agrees on every run of the seed but the known below-vowel offsets, in %s', (face) => {
    let compared = 0
    for (const {paragraph, run} of seedRuns(face)) {
      const {text, settings, args} = hbShapeRequest(paragraph, run)
      const ours = hbShape(run.font, text, 1, settings).trimEnd()
      const [debian] = debianHbShape(args, '', {LC_ALL: 'C'}).split('\n')
      compared++
      if (ours === debian) continue
      expect(belowVowelAfterStack.test(paragraph.slice(run.startUtf16, run.endUtf16))).toBe(true)
      expect(sameButBelowVowelY(debian!, ours)).toBe(true)
    }
    expect(compared).toBeGreaterThanOrEqual(khmerParagraphs.length)
  })
})
