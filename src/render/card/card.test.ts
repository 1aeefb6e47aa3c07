/**
 * Share cards, checked against HarfBuzz's own tools: the headline's glyphs
 * against `hb-shape`, its pixels against `hb-view` (Debian's
 * libharfbuzz-bin, drawing with cairo), and the PNG decoded for real.
 */
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {Resvg} from '@resvg/resvg-wasm'
import {PNG} from 'pngjs'
import {describe, expect, it} from 'vitest'
import {checkTexts, projectConfig, readRepoFile, seedPath} from '../../test/project.js'
import {shape, type LoadedFont} from '../../text/index.js'
import {cardText} from '../site/index.js'
import {cardSize, layoutCard, loadCardFonts, rasterize, rasterOptions, renderCard, type CardLayout, type CardText} from './index.js'

const config = projectConfig()
const seed = readRepoFile(seedPath).toString('utf8')
const [release] = checkTexts({[seedPath]: seed}, config).map((entry) => entry.release)
const fonts = {en: loadCardFonts(config, 'en'), km: loadCardFonts(config, 'km')}
const seedCard = (lang: 'en' | 'km'): CardText => cardText(release!, lang, config)
/** A headline far too long for four lines: the seed's Khmer headline and first sentence, twice. */
const longKhmer: CardText = {
  ...seedCard('km'),
  headline: `${seedCard('km').headline} ${seed.split('# ខ្មែរ')[1]!.split('\n\n')[2]!.split('។')[0]} `.repeat(2).trim()
}
const work = mkdtempSync(path.join(tmpdir(), 'pressroom-card-'))

function run(command: string, args: string[]): Buffer {
  const result = spawnSync(command, args, {env: {...process.env, LC_ALL: 'C.UTF-8'}, maxBuffer: 1 << 26})
  if (result.error) throw new Error(`cannot run ${command} (${result.error.message}); install libharfbuzz-bin`)
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr.toString('utf8')}`)
  return result.stdout
}

const hex = (text: string) => [...text].map((char) => char.codePointAt(0)!.toString(16).padStart(4, '0')).join(',')

/** The headline's runs, each in hb-shape's text form (font units), with the hb-shape arguments that shape it alone. */
function headlineRuns(layout: CardLayout): Array<{actual: string; args: string[]}> {
  const text = layout.headline.text
  const runs: Array<{actual: string; args: string[]}> = []
  for (const {line} of layout.headline.lines) {
    for (const lineRun of line.runs) {
      const scale = lineRun.font.upem / lineRun.fontSizePt
      let penPt = lineRun.xPt
      const items = lineRun.glyphs.map((glyph) => {
        const cluster = [...text.slice(lineRun.startUtf16, glyph.clusterUtf16)].length
        const dx = Math.round((glyph.xPt - penPt) * scale)
        const dy = Math.round(glyph.yPt * scale)
        penPt += glyph.advancePt
        return `${lineRun.font.glyphName(glyph.glyphId)}=${cluster}${dx || dy ? `@${dx},${dy}` : ''}+${Math.round(glyph.advancePt * scale)}`
      })
      runs.push({
        actual: `[${items.join('|')}]`,
        args: [
          lineRun.font.path,
          `--unicodes=${hex(text.slice(lineRun.startUtf16, lineRun.endUtf16))}`,
          `--unicodes-before=${hex(text.slice(line.startUtf16, lineRun.startUtf16))}`,
          `--unicodes-after=${hex(text.slice(lineRun.endUtf16, line.endUtf16))}`,
          '--direction=ltr',
          `--language=${lineRun.language}`,
          ...(lineRun.script === 'Zyyy' ? [] : [`--script=${lineRun.script}`]),
          ...(lineRun.startUtf16 === line.startUtf16 ? ['--bot'] : []),
          ...(lineRun.endUtf16 === line.endUtf16 ? ['--eot'] : [])
        ]
      })
    }
  }
  return runs
}

/** The glyph id a font draws U+25CC (the dotted circle HarfBuzz inserts before a broken cluster) with. */
function dottedCircle(font: LoadedFont): number {
  const [glyph] = shape('\u25CC', {startUtf16: 0, endUtf16: 1, font, script: 'Zyyy', language: 'und', direction: 'ltr'}).glyphs
  return glyph!.glyphId
}

function dottedCircles(layout: CardLayout): number {
  return layout.glyphs.filter((glyph) => glyph.glyphId === dottedCircle(glyph.font)).length
}

/** The grey levels (0–255) of a decoded PNG's area; outside the image counts as white. */
function greys(png: PNG, area: {x: number; y: number; width: number; height: number}): Uint8Array {
  const grey = new Uint8Array(area.width * area.height).fill(255)
  for (let y = 0; y < area.height; y++) {
    for (let x = 0; x < area.width; x++) {
      const px = area.x + x
      const py = area.y + y
      if (px < 0 || py < 0 || px >= png.width || py >= png.height) continue
      const i = (py * png.width + px) * 4
      grey[y * area.width + x] = Math.round((png.data[i]! + png.data[i + 1]! + png.data[i + 2]!) / 3)
    }
  }
  return grey
}

/** Share of an area's pixels whose grey differs by more than a quarter of the range. */
function pixelDifference(a: Uint8Array, b: Uint8Array): number {
  let differ = 0
  for (let i = 0; i < a.length; i++) if (Math.abs(a[i]! - b[i]!) > 64) differ++
  return differ / a.length
}

describe('share cards', () => {
  it('are PNG images of 1200×630, the same bytes every time', () => {
    for (const lang of ['en', 'km'] as const) {
      const bytes = renderCard(seedCard(lang), fonts[lang])
      const png = PNG.sync.read(Buffer.from(bytes))
      expect([png.width, png.height]).toEqual([cardSize.width, cardSize.height])
      expect(renderCard(seedCard(lang), fonts[lang])).toEqual(bytes)
      // Something is drawn: dark pixels in the headline's area.
      expect(greys(png, layoutCard(seedCard(lang), fonts[lang]).headline.box).some((value) => value < 64)).toBe(true)
    }
  })

  it.each([
    ['the seed in English', seedCard('en'), 'en'],
    ['the seed in Khmer', seedCard('km'), 'km'],
    ['a long Khmer headline', longKhmer, 'km']
  ] as const)('draws the glyphs hb-shape gives for the headline of %s, at its positions', (_, text, lang) => {
    const layout = layoutCard(text, fonts[lang])
    const runs = headlineRuns(layout)
    expect(runs.length).toBeGreaterThan(0)
    for (const {actual, args} of runs) expect(actual).toBe(run('hb-shape', args).toString('utf8').trim())
    // Every glyph of the headline is drawn, where the layout put it.
    const drawn = layout.glyphs.map((glyph) => glyph.glyphId)
    for (const {line} of layout.headline.lines) for (const lineRun of line.runs) for (const glyph of lineRun.glyphs) expect(drawn).toContain(glyph.glyphId)
  })

  it('shrinks a long headline to fit four lines before it cuts it, and cuts it with an ellipsis between words', () => {
    const seedLayout = layoutCard(seedCard('km'), fonts.km)
    expect(seedLayout.headline.cut).toBe(false)
    expect(seedLayout.headline.text).toBe(seedCard('km').headline)
    // A headline a little longer than the seed's is set smaller, whole.
    const longer = {...seedCard('en'), headline: `${seedCard('en').headline}, Signed Today in Phnom Penh by the Ambassador`}
    const shrunk = layoutCard(longer, fonts.en)
    expect(shrunk.headline.cut).toBe(false)
    expect(shrunk.headline.sizePx).toBeLessThan(layoutCard(seedCard('en'), fonts.en).headline.sizePx)
    expect(shrunk.headline.lines.length).toBeLessThanOrEqual(4)
    const cut = layoutCard(longKhmer, fonts.km)
    expect(cut.headline.cut).toBe(true)
    expect(cut.headline.lines).toHaveLength(4)
    expect(cut.headline.text.endsWith('…')).toBe(true)
    expect(longKhmer.headline.replace(/\s+/g, ' ').startsWith(cut.headline.text.slice(0, -1))).toBe(true)
    for (const {line} of cut.headline.lines) expect(line.widthPt).toBeLessThanOrEqual(cut.headline.box.width + 1e-6)
  })

  it('draws no dotted circle for well-formed Khmer, and the check sees one when the text has a broken cluster', () => {
    expect(dottedCircles(layoutCard(seedCard('km'), fonts.km))).toBe(0)
    expect(dottedCircles(layoutCard(longKhmer, fonts.km))).toBe(0)
    // A vowel sign with no consonant: HarfBuzz puts a dotted circle before it.
    expect(dottedCircles(layoutCard({...seedCard('km'), headline: 'ជប៉ុន \u17B6'}, fonts.km))).toBe(1)
  })

  it("encodes resvg's pixels as resvg's own PNG encoder does, opaque, and the same bytes each time", () => {
    for (const lang of ['en', 'km'] as const) {
      const {svg} = layoutCard(seedCard(lang), fonts[lang])
      const resvg = new Resvg(svg, rasterOptions)
      const theirs = PNG.sync.read(Buffer.from(resvg.render().asPng()))
      const ours = PNG.sync.read(Buffer.from(rasterize(svg)))
      expect(ours).toMatchObject(cardSize)
      expect(ours.data.equals(theirs.data)).toBe(true)
      // Opaque everywhere, so that premultiplied pixels are the colours themselves.
      expect(ours.data.filter((_, i) => i % 4 === 3).every((alpha) => alpha === 255)).toBe(true)
      expect(Buffer.from(rasterize(svg)).equals(Buffer.from(rasterize(svg)))).toBe(true)
    }
  })

  it('holds the memory of one card, however many it draws', () => {
    // In a process of its own, so that nothing else this test file holds moves the figure.
    const script = `
      const {rasterize} = await import(${JSON.stringify(new URL('./index.js', import.meta.url).href.replace('/src/', '/dist/'))})
      const svg = ${JSON.stringify(layoutCard(seedCard('km'), fonts.km).svg)}
      for (let i = 0; i < 5; i++) rasterize(svg)
      const before = process.resourceUsage().maxRSS
      for (let i = 0; i < 40; i++) rasterize(svg)
      console.log((process.resourceUsage().maxRSS - before) / 1024)`
    const grown = Number(run('node', ['--input-type=module', '-e', script]).toString())
    // Each image is 3 MB: 40 kept until the garbage collector ran would be 120 MB.
    expect(grown).toBeLessThan(30)
  })

  it('draws a headline line as hb-view draws it in the same font and size', () => {
    const layout = layoutCard(seedCard('km'), fonts.km)
    const png = PNG.sync.read(Buffer.from(rasterize(layout.svg)))
    // A line set in one font, so that hb-view can draw it alone.
    const {line, xPx, baselinePx} = layout.headline.lines.find(({line}) => line.runs.length === 1)!
    const font = line.runs[0]!.font
    const text = layout.headline.text.slice(line.startUtf16, line.visibleEndUtf16)
    const size = layout.headline.sizePx
    const extents = font.hbFont.hExtents()
    const ascent = (extents.ascender * size) / font.upem
    const descent = (-extents.descender * size) / font.upem
    // hb-view draws from its margins: give it the fractions of the line's
    // origin on the card, so that both put each glyph on the same pixels.
    const left = Math.floor(xPx)
    const top = Math.floor(baselinePx - ascent)
    const width = Math.ceil(line.widthPt) + 2
    const height = Math.ceil(ascent + descent) + 2
    const view = (shown: string) => {
      const file = path.join(work, 'hb-view.png')
      const margins = `${baselinePx - ascent - top} 0 0 ${xPx - left}`
      run('hb-view', [font.path, `--font-size=${size}`, `--margin=${margins}`, '--foreground=1a1a1a', '--background=ffffff', '-O', 'png', '-o', file, '--', shown])
      return greys(PNG.sync.read(readFileSync(file)), {x: 0, y: 0, width, height})
    }
    const card = greys(png, {x: left, y: top, width, height})
    const difference = pixelDifference(card, view(text))
    // About 4 % of the pixels of the line's area differ, all at the edges of
    // strokes (cairo and resvg anti-alias differently); a wrong glyph or
    // position differs by far more, as the control below shows.
    expect(difference).toBeLessThan(0.05)
    // The measure tells texts apart: the same line with its words in another order differs far more.
    const words = [...new Intl.Segmenter('km', {granularity: 'word'}).segment(text)].map((segment) => segment.segment)
    expect(pixelDifference(card, view([...words.slice(1), words[0]].join('')))).toBeGreaterThan(0.15)
  })
})
