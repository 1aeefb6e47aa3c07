/**
 * Build benchmarks on a tree of synthetic releases: full build, no-op
 * rebuild, rebuild after one release changed, check alone, peak memory, and
 * bytes per PDF. Each figure is one run of the real CLI in a child process.
 */
import {spawnSync} from 'node:child_process'
import {cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {writeSyntheticReleases} from './synthetic.js'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const cli = path.join(repo, 'dist/cli/main.js')
const rssHook = path.join(repo, 'dist/bench/rss.js')

interface Run {
  seconds: number
  rssMb: number
  code: number
}

function runCli(cwd: string, args: string[]): Run {
  const rssFile = path.join(cwd, '.rss')
  const started = performance.now()
  const result = spawnSync(process.execPath, ['--import', rssHook, cli, ...args], {
    cwd,
    env: {...process.env, PRESSROOM_RSS_FILE: rssFile},
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1 << 26
  })
  const seconds = (performance.now() - started) / 1000
  if (result.status !== 0) throw new Error(`pressroom ${args.join(' ')} failed (${result.status}):\n${result.stderr.toString().slice(-2000)}`)
  return {seconds, rssMb: Number(readFileSync(rssFile, 'utf8')) / 1024, code: result.status ?? 0}
}

/** `run` done `times` times: the median time and the range, as `0.85 (0.82–0.91)`. */
function repeat(times: number, run: (i: number) => Run): string {
  const seconds = Array.from({length: times}, (_, i) => run(i).seconds).sort((a, b) => a - b)
  const median = seconds[Math.floor(times / 2)]!
  return `${median.toFixed(2)} (${seconds[0]!.toFixed(2)}–${seconds.at(-1)!.toFixed(2)})`
}

export async function benchBuild(): Promise<Array<{name: string; value: string}>> {
  const count = Number(process.env.BENCH_RELEASES ?? 500)
  const root = mkdtempSync(path.join(tmpdir(), 'pressroom-bench-'))
  try {
    for (const item of ['pressroom.yaml', 'glossary.yaml', 'fonts', 'templates']) cpSync(path.join(repo, item), path.join(root, item), {recursive: true})
    const paths = await writeSyntheticReleases(path.join(repo, 'releases/2026/010-japan-grant-ilo-returning-migrant-workers.md'), root, count)
    const check = runCli(root, ['check', '--quiet'])
    const full = runCli(root, ['build', '--now', '2030-01-01T00:00:00Z'])
    // Rebuilds take about a second, and this machine's speed varies by a
    // tenth from run to run: they are measured three times (a different
    // release changed each time), and the median is reported with the range.
    const noop = repeat(3, () => runCli(root, ['build', '--now', '2030-01-01T00:00:00Z']))
    const one = repeat(3, (i) => {
      const changedFile = path.join(root, paths[Math.floor((paths.length * (i + 1)) / 4)]!)
      const text = readFileSync(changedFile, 'utf8')
      if (!text.includes('This grant will')) throw new Error(`${changedFile} lacks the sentence the benchmark edits`)
      writeFileSync(changedFile, text.replace('This grant will', 'This grant shall'))
      return runCli(root, ['build', '--now', '2030-01-01T00:00:00Z'])
    })
    const pdfDir = path.join(root, 'out/pdf')
    const pdfs = (() => {
      try {
        return readdirSync(pdfDir).map((name) => statSync(path.join(pdfDir, name)).size)
      } catch {
        return []
      }
    })()
    const rows = [
      {name: `check of ${count} releases (s; target ≤ 3)`, value: check.seconds.toFixed(2)},
      {name: `full build of ${count} releases (s; target ≤ 30)`, value: full.seconds.toFixed(2)},
      {name: 'no-op rebuild (s, median of 3 and range; target ≤ 1)', value: noop},
      {name: 'rebuild after one release changed (s, median of 3 and range; target ≤ 1)', value: one},
      {name: 'peak RSS of the full build (MB; target ≤ 300)', value: full.rssMb.toFixed(0)},
      {name: 'peak RSS of check (MB)', value: check.rssMb.toFixed(0)},
      {
        name: 'bytes per PDF (mean)',
        value: pdfs.length > 0 ? Math.round(pdfs.reduce((a, b) => a + b, 0) / pdfs.length).toLocaleString('en-US') : 'no PDFs built'
      }
    ]
    return rows
  } finally {
    rmSync(root, {recursive: true, force: true})
  }
}
