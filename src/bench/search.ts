/**
 * Site search benchmarks: recall and precision of the search index over
 * every Khmer word of two or more clusters on the Khmer pages, ours beside
 * Pagefind's default indexing of the same pages (their HTML, no
 * segmentation), and the time to build the index of a site of
 * `BENCH_RELEASES` (500) synthetic releases in both languages.
 *
 * Sites measured: releases made from the seed (src/bench/synthetic.ts),
 * and, when PRESSROOM_KHMER_CORPUS names a folder of Khmer articles
 * (`*_orig.txt`: a headline line, then paragraphs), a site of one release
 * per article. Targets: recall 100 %, precision ≥ 95 %, index ≤ 5 s.
 */
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import * as pagefind from 'pagefind'
import {loadProject} from '../project/load.js'
import type {Config} from '../config/model.js'
import {releaseIdentity} from '../release/identity.js'
import {parseRelease} from '../release/parse.js'
import {loadSiteAssets} from '../render/site/assets.js'
import {renderReleasePage, type ReleasePage, type SiteContext} from '../render/site/pages.js'
import {searchRecords} from '../render/site/search.js'
import {buildSearchIndex, type SearchFile} from '../search/index.js'
import {measureSearch, type SearchMeasure} from '../search/measure.js'
import {loadNodeSearch} from '../search/node-search.js'
import {searchText} from '../search/terms.js'
import {writeSyntheticReleases} from './synthetic.js'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const seedPath = 'releases/2026/010-japan-grant-ilo-returning-migrant-workers.md'

type Row = {name: string; value: string}

export async function benchSearch(): Promise<Row[]> {
  const {config} = await loadProject(path.join(repo, 'pressroom.yaml'))
  const site: SiteContext = {config, assets: await loadSiteAssets(repo, config), generator: 'pressroom bench'}
  const work = mkdtempSync(path.join(tmpdir(), 'pressroom-bench-search-'))
  const rows: Row[] = []
  try {
    const count = Number(process.env.BENCH_RELEASES ?? 500)
    const synthetic = await syntheticSite(work, count, config)
    const all = synthetic.flatMap((item) => searchRecords(item.release, item.identity, site))
    const times: number[] = []
    for (let i = 0; i < 3; i++) {
      const started = performance.now()
      await buildSearchIndex(all)
      times.push((performance.now() - started) / 1000)
    }
    times.sort((a, b) => a - b)
    rows.push({name: `index of ${count} releases, both languages (s, target ≤ 5)`, value: `${times[1]!.toFixed(2)} (${times[0]!.toFixed(2)}–${times[2]!.toFixed(2)})`})
    const corpus = process.env.PRESSROOM_KHMER_CORPUS
    const sites: Array<[string, ReleasePage[]]> = [[`${Math.min(count, 60)} synthetic releases`, synthetic.slice(0, 60)]]
    if (corpus) sites.push([`${path.basename(corpus)} articles`, corpusSite(corpus, config)])
    for (const [name, items] of sites) {
      const {ours, standard} = await compareSearch(items, site, path.join(work, name.replace(/\W+/g, '-')))
      rows.push({name: `${name}: Khmer words searched`, value: String(ours.words)})
      rows.push({name: `${name}: recall, ours / Pagefind default (target 100 %)`, value: `${percent(ours.recall)} / ${percent(standard.recall)}`})
      rows.push({name: `${name}: precision, ours / Pagefind default (target ≥ 95 %)`, value: `${percent(ours.precision)} / ${percent(standard.precision)}`})
      rows.push({name: `${name}: recall inside longer words too, ours / Pagefind default`, value: `${percent(ours.recallAnywhere)} / ${percent(standard.recallAnywhere)}`})
    }
    if (!corpus) rows.push({name: 'real Khmer prose', value: 'not measured: set PRESSROOM_KHMER_CORPUS to a folder of *_orig.txt articles'})
  } finally {
    await pagefind.close()
    rmSync(work, {recursive: true, force: true})
  }
  return rows
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)} %`
}

/**
 * Both indexes of the Khmer pages of `items`, searched for every word:
 * ours (records through `searchText`, queries too) and Pagefind's default
 * (the pages' HTML, queries as typed).
 */
export async function compareSearch(items: readonly ReleasePage[], site: SiteContext, work: string): Promise<{ours: SearchMeasure; standard: SearchMeasure}> {
  const records = items.flatMap((item) => searchRecords(item.release, item.identity, site)).filter((record) => record.language === 'km')
  const oursDir = path.join(work, 'ours')
  writeBundle(oursDir, await buildSearchIndex(records))
  const {index, errors} = await pagefind.createIndex({})
  if (!index) throw new Error(`Pagefind: ${errors.join('; ')}`)
  for (const item of [...items].sort((a, b) => a.identity.id.localeCompare(b.identity.id))) {
    if (!item.release.sections.km) continue
    await index.addHTMLFile({url: `km/${item.identity.sitePath}/`, content: renderReleasePage(item, 'km', site)})
  }
  const standardDir = path.join(work, 'default')
  writeBundle(standardDir, (await index.getFiles()).files.map((file: {path: string; content: Uint8Array}) => ({path: file.path, data: file.content})))
  await index.deleteIndex()

  const pages = records.map((record) => ({url: record.url, text: record.text}))
  const bare = (urls: string[]) => urls.map((url) => url.replace(/^\//, ''))
  const oursSearch = await loadNodeSearch(oursDir)
  const standardSearch = await loadNodeSearch(standardDir)
  return {
    ours: await measureSearch(pages, async (word) => bare(await oursSearch.search(searchText(word)))),
    standard: await measureSearch(pages, async (word) => bare(await standardSearch.search(word)))
  }
}

function writeBundle(folder: string, files: readonly SearchFile[]): void {
  for (const file of files) {
    mkdirSync(path.dirname(path.join(folder, file.path)), {recursive: true})
    writeFileSync(path.join(folder, file.path), file.data)
  }
}

async function syntheticSite(work: string, count: number, config: Config): Promise<ReleasePage[]> {
  const root = path.join(work, 'synthetic')
  const paths = await writeSyntheticReleases(path.join(repo, seedPath), root, count)
  return paths.map((relative) => siteRelease(relative, readFileSync(path.join(root, relative)), config))
}

function siteRelease(relative: string, bytes: Uint8Array, config: Config): ReleasePage {
  const {release} = parseRelease(relative, bytes)
  const identity = releaseIdentity(release, config)
  if (!identity) throw new Error(`${relative} has no usable reference or date`)
  return {release, identity, pdf: null}
}

/**
 * One release per article of the corpus: its first line as the Khmer
 * headline, the other lines as paragraphs, Markdown's characters escaped.
 * The English section only names the article (the corpus is Khmer).
 */
export function corpusSite(folder: string, config: Config): ReleasePage[] {
  const files = readdirSync(folder).filter((name) => name.endsWith('_orig.txt')).sort()
  const escape = (line: string) => line.replace(/[\\`*_{}[\]()<>#+\-.!|~]/g, '\\$&')
  return files.map((name, i) => {
    const lines = readFileSync(path.join(folder, name), 'utf8').split(/\r?\n/).map((line) => line.trim()).filter(Boolean)
    const n = i + 1
    const text = [
      '---',
      `ref: No. ${n} PR-19/EoJ`,
      `date: 2019-01-${String((i % 28) + 1).padStart(2, '0')}`,
      '---',
      '# English',
      '',
      `## Article ${n}`,
      '',
      `Article ${n} of the corpus.`,
      '',
      '# ខ្មែរ',
      '',
      `## ${escape(lines[0] ?? name)}`,
      '',
      ...lines.slice(1).flatMap((line) => [escape(line), ''])
    ].join('\n')
    return siteRelease(`releases/2019/${String(n).padStart(3, '0')}-article.md`, new TextEncoder().encode(text), config)
  })
}
