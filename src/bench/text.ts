/**
 * Text engine benchmarks on the seed release's Khmer section: HarfBuzz
 * shaping throughput, and the full itemize + shape + break of the section
 * at a 450 pt measure (the target is under 5 ms on a 2-core machine).
 * Every figure is taken warm: HarfBuzz loaded, fonts cached, JIT settled.
 */
import {readFileSync} from 'node:fs'
import {loadFont} from '../text/fonts.js'
import {graphemeBoundaries} from '../text/graphemes.js'
import {layoutParagraph} from '../text/index.js'
import {itemize} from '../text/itemize.js'
import {shape} from '../text/shape.js'

const SEED = '../../releases/2026/010-japan-grant-ilo-returning-migrant-workers.md'
const FONT_SIZE_PT = 11
const WIDTH_PT = 450

export async function benchText(): Promise<Array<{name: string; value: string}>> {
  const paragraphs = khmerParagraphs(readFileSync(new URL(SEED, import.meta.url), 'utf8'))
  const fontPath = (name: string) => new URL(`../../fonts/${name}.ttf`, import.meta.url).pathname
  const chain = [loadFont(fontPath('NotoSansKhmer-Regular')), loadFont(fontPath('NotoSans-Regular'))]

  const runs = paragraphs.map((paragraph) => itemize(paragraph, chain, {language: 'km'}).runs)
  const khmerRuns = paragraphs.flatMap((paragraph, index) =>
    runs[index]!.filter((run) => run.script === 'Khmr').map((run) => ({paragraph, run}))
  )
  const clusters = khmerRuns.reduce(
    (sum, {paragraph, run}) => sum + graphemeBoundaries(paragraph.slice(run.startUtf16, run.endUtf16)).length - 1,
    0
  )
  const shapeAll = () => {
    for (const {paragraph, run} of khmerRuns) shape(paragraph, run)
  }
  const layoutAll = () => {
    for (const paragraph of paragraphs) layoutParagraph(paragraph, chain, {fontSizePt: FONT_SIZE_PT, widthPt: WIDTH_PT, language: 'km'})
  }

  const shapeMs = medianMs(shapeAll)
  const layoutMs = medianMs(layoutAll)
  const units = paragraphs.reduce((sum, paragraph) => sum + paragraph.length, 0)
  return [
    {name: 'text: shaping throughput, Khmer clusters per second (warm)', value: Math.round((clusters / shapeMs) * 1000).toLocaleString('en')},
    {name: 'text: seed Khmer section shaped once (ms, median)', value: shapeMs.toFixed(3)},
    {
      name: `text: itemize + shape + break the seed Khmer section at ${WIDTH_PT} pt (ms, median; target < 5)`,
      value: layoutMs.toFixed(3)
    },
    {name: 'text: seed Khmer section size', value: `${paragraphs.length} paragraphs, ${units} UTF-16 units, ${clusters} Khmer clusters`}
  ]
}

function khmerParagraphs(markdown: string): string[] {
  const section = markdown.split(/^# ខ្មែរ$/m)[1] ?? ''
  return section
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('# '))
    .map((line) => line.replace(/^(## |- )/, ''))
}

/** Median of timed runs after a warm-up, for at least ~300 ms in all. */
function medianMs(run: () => void): number {
  for (let i = 0; i < 20; i++) run()
  const samples: number[] = []
  const until = performance.now() + 300
  while (samples.length < 30 || (performance.now() < until && samples.length < 2000)) {
    const start = performance.now()
    run()
    samples.push(performance.now() - start)
  }
  samples.sort((a, b) => a - b)
  return samples[samples.length >> 1]!
}
