/**
 * Share card benchmark: every card of `BENCH_RELEASES` (500) synthetic
 * releases, both languages, each release's model read from its file as a
 * build's render thread reads it from the cache (the check made it), drawn
 * in this thread, then on a pool of two threads as a build's render
 * threads draw them (their start included).
 * Target: 500 releases' cards in ≤ 10 s on a 2-core machine.
 */
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {Piscina} from 'piscina'
import type {Config} from '../config/model.js'
import {loadProject} from '../project/load.js'
import {modelFragment} from '../release/json.js'
import type {Lang, Release} from '../release/model.js'
import {parseRelease} from '../release/parse.js'
import {loadCardFonts, renderCard, type CardFonts} from '../render/card/index.js'
import {cardText} from '../render/site/index.js'
import {writeSyntheticReleases} from './synthetic.js'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const seedPath = 'releases/2026/010-japan-grant-ilo-returning-migrant-workers.md'

export async function benchCard(): Promise<Array<{name: string; value: string}>> {
  const {config} = await loadProject(path.join(repo, 'pressroom.yaml'))
  const count = Number(process.env.BENCH_RELEASES ?? 500)
  const work = mkdtempSync(path.join(tmpdir(), 'pressroom-bench-card-'))
  try {
    const releases = await writeSyntheticReleases(path.join(repo, seedPath), work, count)
    // The models, as the check of a build leaves them in its cache.
    mkdirSync(path.join(work, 'models'))
    const paths = releases.map((file, i) => {
      const model = `models/${i}.json`
      writeFileSync(path.join(work, model), modelFragment(parseRelease(file, readFileSync(path.join(work, file))).release))
      return model
    })
    const fonts = {en: loadCardFonts(config, 'en'), km: loadCardFonts(config, 'km')}
    drawCards(paths.slice(0, 1), work, config, fonts)
    const started = performance.now()
    const bytes = drawCards(paths, work, config, fonts)
    const seconds = (performance.now() - started) / 1000
    const cards = paths.length * 2

    const threads = 2
    const pooled = performance.now()
    const pool = new Piscina({filename: new URL('./card-worker.js', import.meta.url).href, workerData: {configPath: path.join(repo, 'pressroom.yaml'), root: work}, minThreads: threads, maxThreads: threads})
    const batches = Array.from({length: Math.ceil(paths.length / 10)}, (_, i) => paths.slice(i * 10, i * 10 + 10))
    const pooledBytes = (await Promise.all(batches.map((batch) => pool.run(batch) as Promise<number>))).reduce((a, b) => a + b, 0)
    const pooledSeconds = (performance.now() - pooled) / 1000
    await pool.destroy()
    if (pooledBytes !== bytes) throw new Error(`the threads drew ${pooledBytes} bytes of cards, this thread ${bytes}: the same cards must be the same bytes`)
    return [
      {name: `cards of ${count} releases, both languages, each model read, one thread (s)`, value: seconds.toFixed(2)},
      {name: 'per card (ms)', value: ((seconds * 1000) / cards).toFixed(1)},
      {name: `cards of ${count} releases on ${threads} threads, measured (s, target ≤ 10)`, value: pooledSeconds.toFixed(2)},
      {name: 'bytes per card', value: String(Math.round(bytes / cards))}
    ]
  } finally {
    rmSync(work, {recursive: true, force: true})
  }
}

/** Reads each release's model and draws both languages' cards; returns the bytes drawn. */
export function drawCards(models: readonly string[], root: string, config: Config, fonts: Record<Lang, CardFonts>): number {
  let bytes = 0
  for (const model of models) {
    const release = JSON.parse(readFileSync(path.join(root, model), 'utf8')) as Release
    for (const lang of ['en', 'km'] as const) bytes += renderCard(cardText(release, lang, config), fonts[lang]).byteLength
  }
  return bytes
}
