/**
 * Share card benchmark: every card of `BENCH_RELEASES` (500) synthetic
 * releases, both languages, drawn in this thread (a build draws them on its
 * render workers, one per core). Target: 500 releases' cards in ≤ 10 s on
 * a 2-core machine.
 */
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {loadProject} from '../project/load.js'
import {parseRelease} from '../release/parse.js'
import {loadCardFonts, renderCard} from '../render/card/index.js'
import {cardText} from '../render/site/index.js'
import {writeSyntheticReleases} from './synthetic.js'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const seedPath = 'releases/2026/010-japan-grant-ilo-returning-migrant-workers.md'

export async function benchCard(): Promise<Array<{name: string; value: string}>> {
  const {config} = await loadProject(path.join(repo, 'pressroom.yaml'))
  const count = Number(process.env.BENCH_RELEASES ?? 500)
  const work = mkdtempSync(path.join(tmpdir(), 'pressroom-bench-card-'))
  try {
    const paths = await writeSyntheticReleases(path.join(repo, seedPath), work, count)
    const releases = paths.map((relative) => parseRelease(relative, readFileSync(path.join(work, relative))).release)
    const fonts = {en: loadCardFonts(config, 'en'), km: loadCardFonts(config, 'km')}
    renderCard(cardText(releases[0]!, 'km', config), fonts.km)
    let bytes = 0
    const started = performance.now()
    for (const release of releases) for (const lang of ['en', 'km'] as const) bytes += renderCard(cardText(release, lang, config), fonts[lang]).byteLength
    const seconds = (performance.now() - started) / 1000
    const cards = releases.length * 2
    return [
      {name: `cards of ${count} releases, both languages, one thread (s)`, value: seconds.toFixed(2)},
      {name: 'per card (ms)', value: ((seconds * 1000) / cards).toFixed(1)},
      {name: `cards of ${count} releases on 2 workers, estimated (s, target ≤ 10)`, value: (seconds / 2).toFixed(2)},
      {name: 'bytes per card', value: String(Math.round(bytes / cards))}
    ]
  } finally {
    rmSync(work, {recursive: true, force: true})
  }
}
