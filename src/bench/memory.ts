/**
 * Translation memory benchmarks on a tree of synthetic releases: `check`
 * with and without `inconsistent-translation` (the rule aligns every
 * release, as a check with no stored memory does), and in this process the
 * memory made from nothing, updated after one change, saved, loaded, and
 * looked up for one release's preview.
 */
import {spawnSync} from 'node:child_process'
import {cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {loadProject, listReleases, readEntries} from '../project/load.js'
import {sourceOf} from '../check/index.js'
import {indexMemory, loadMemory, saveMemory, updateMemory, type MemorySource} from '../memory/index.js'
import {englishPieces} from '../memory/segments.js'
import {writeSyntheticReleases} from './synthetic.js'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const cli = path.join(repo, 'dist/cli/main.js')

function timeCli(cwd: string, args: string[]): number {
  const started = performance.now()
  const result = spawnSync(process.execPath, [cli, ...args], {cwd, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26})
  const seconds = (performance.now() - started) / 1000
  if (result.status !== 0) throw new Error(`pressroom ${args.join(' ')} failed (${result.status}):\n${result.stderr.toString().slice(-2000)}`)
  return seconds
}

function timed<T>(run: () => T): {value: T; ms: number} {
  const started = performance.now()
  const value = run()
  return {value, ms: performance.now() - started}
}

export async function benchMemory(): Promise<Array<{name: string; value: string}>> {
  const count = Number(process.env.BENCH_RELEASES ?? 500)
  const root = mkdtempSync(path.join(tmpdir(), 'pressroom-bench-memory-'))
  try {
    for (const item of ['pressroom.yaml', 'glossary.yaml', 'fonts']) cpSync(path.join(repo, item), path.join(root, item), {recursive: true})
    await writeSyntheticReleases(path.join(repo, 'releases/2026/010-japan-grant-ilo-returning-migrant-workers.md'), root, count)
    const withRule = timeCli(root, ['check', '--quiet'])
    const configFile = path.join(root, 'pressroom.yaml')
    const config = readFileSync(configFile, 'utf8')
    writeFileSync(configFile, config.replace(/^rules:\n/m, 'rules:\n  inconsistent-translation: off\n'))
    const withoutRule = timeCli(root, ['check', '--quiet'])
    writeFileSync(configFile, config)

    const project = await loadProject(configFile)
    const entries = await readEntries(root, await listReleases(root))
    const sources: MemorySource[] = entries.map((entry) => ({release: entry.release, source: sourceOf(entry)}))
    const cold = timed(() => updateMemory(null, sources, project.config.glossary))
    const changed = [...sources]
    const one = Math.floor(changed.length / 2)
    changed[one] = {...changed[one]!, source: `${changed[one]!.source}\n`}
    const warm = timed(() => updateMemory(cold.value.memory, changed, project.config.glossary))
    const file = path.join(root, 'out/.pressroom/memory.json')
    const saving = performance.now()
    await saveMemory(file, cold.value.memory)
    const savedMs = performance.now() - saving
    const loading = performance.now()
    const loaded = await loadMemory(file)
    const loadedMs = performance.now() - loading
    if (!loaded.memory) throw new Error(`the memory saved did not load: ${loaded.problem}`)
    const index = timed(() => indexMemory(cold.value.memory, {glossary: project.config.glossary, khmerDigits: project.config.khmerDigits}))
    const last = sources.at(-1)!
    const pieces = englishPieces(last.release, last.source)
    const queries = pieces.flatMap((piece) => (piece.sentences.length > 1 ? [piece.whole, ...piece.sentences] : [piece.whole]))
    const lookups = timed(() =>
      queries.map((query) => index.value.lookup(query, {before: {path: last.release.path, date: last.release.frontmatter.date}}))
    )
    const offered = lookups.value.reduce((sum, found) => sum + found.length, 0)
    const segments = [...cold.value.memory.releases.values()].reduce((sum, release) => sum + release.segments.length, 0)
    return [
      {name: `check of ${count} releases with inconsistent-translation (s; target ≤ 3)`, value: withRule.toFixed(2)},
      {name: `check of ${count} releases without it (s)`, value: withoutRule.toFixed(2)},
      {name: `memory of ${count} releases made from nothing (ms; ${segments} pairs)`, value: cold.ms.toFixed(0)},
      {name: `memory updated after one release changed (ms; ${warm.value.aligned.length} aligned again)`, value: warm.ms.toFixed(0)},
      {name: `memory saved / loaded (ms; ${(statSync(file).size / 1024).toFixed(0)} KB)`, value: `${savedMs.toFixed(0)} / ${loadedMs.toFixed(0)}`},
      {name: `memory index made (ms; ${index.value.size} unique pairs)`, value: index.ms.toFixed(0)},
      {name: `one preview's lookups (ms; ${queries.length} queries, ${offered} suggestions)`, value: lookups.ms.toFixed(0)}
    ]
  } finally {
    rmSync(root, {recursive: true, force: true})
  }
}
