/**
 * Build benchmarks on a tree of synthetic releases: check, full build,
 * no-op rebuild and rebuild after one release changed, each the median of
 * three runs with their range, the peak memory of each, and bytes per PDF;
 * then a cold build of the seed alone beside WeasyPrint making that
 * release's PDF, when `weasyprint` is installed. Each run is the real CLI in
 * a child process.
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
const seedPath = 'releases/2026/010-japan-grant-ilo-returning-migrant-workers.md'
const now = ['--now', '2030-01-01T00:00:00Z']

interface Run {
  seconds: number
  cpuSeconds: number
  rssMb: number
}

function runCli(cwd: string, args: string[]): Run {
  const usageFile = path.join(cwd, '.usage')
  const started = performance.now()
  const result = spawnSync(process.execPath, ['--import', rssHook, cli, ...args], {
    cwd,
    env: {...process.env, PRESSROOM_RSS_FILE: usageFile},
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1 << 26
  })
  const seconds = (performance.now() - started) / 1000
  if (result.status !== 0) throw new Error(`pressroom ${args.join(' ')} failed (${result.status}):\n${result.stderr.toString().slice(-2000)}`)
  const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as {maxRssKb: number; cpuMicros: number}
  return {seconds, cpuSeconds: usage.cpuMicros / 1e6, rssMb: usage.maxRssKb / 1024}
}

/** `run` done three times: the median and range of its seconds and of its CPU seconds, and its highest peak memory. */
function repeat(run: (i: number) => Run): {time: string; cpu: string; rssMb: number} {
  const runs = [0, 1, 2].map(run)
  const spread = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b)
    return `${sorted[1]!.toFixed(2)} (${sorted[0]!.toFixed(2)}–${sorted[2]!.toFixed(2)})`
  }
  return {time: spread(runs.map((r) => r.seconds)), cpu: spread(runs.map((r) => r.cpuSeconds)), rssMb: Math.max(...runs.map((r) => r.rssMb))}
}

export async function benchBuild(): Promise<Array<{name: string; value: string}>> {
  const count = Number(process.env.BENCH_RELEASES ?? 500)
  const root = mkdtempSync(path.join(tmpdir(), 'pressroom-bench-'))
  try {
    for (const item of ['pressroom.yaml', 'glossary.yaml']) cpSync(path.join(repo, item), path.join(root, item))
    const paths = await writeSyntheticReleases(path.join(repo, seedPath), root, count)
    const check = repeat(() => runCli(root, ['check', '--quiet']))
    const full = repeat(() => {
      rmSync(path.join(root, 'out'), {recursive: true, force: true})
      return runCli(root, ['build', ...now])
    })
    const noop = repeat(() => runCli(root, ['build', ...now]))
    // A different release changed each time.
    const one = repeat((i) => {
      const changed = path.join(root, paths[Math.floor((paths.length * (i + 1)) / 4)]!)
      const text = readFileSync(changed, 'utf8')
      if (!text.includes('This grant will')) throw new Error(`${changed} lacks the sentence the benchmark edits`)
      writeFileSync(changed, text.replace('This grant will', 'This grant shall'))
      return runCli(root, ['build', ...now])
    })
    const pdfDir = path.join(root, 'out/pdf')
    const pdfs = readdirSync(pdfDir).map((name) => statSync(path.join(pdfDir, name)).size)
    return [
      {name: `check of ${count} releases (s; target ≤ 3)`, value: check.time},
      {name: `full build of ${count} releases (s; target ≤ 30)`, value: full.time},
      {name: "full build, CPU of all its threads (s; Pagefind's process aside; on n cores the time is at least this ÷ n)", value: full.cpu},
      {name: 'no-op rebuild (s; target ≤ 1)', value: noop.time},
      {name: 'rebuild after one release changed (s; target ≤ 1.5)', value: one.time},
      {name: `peak RSS of the full build (MB; target ≤ ${count >= 5000 ? 300 : 250})`, value: full.rssMb.toFixed(0)},
      {name: 'peak RSS of the rebuilds (MB)', value: Math.max(noop.rssMb, one.rssMb).toFixed(0)},
      {name: 'peak RSS of check (MB)', value: check.rssMb.toFixed(0)},
      {name: 'bytes per PDF (mean)', value: Math.round(pdfs.reduce((a, b) => a + b, 0) / pdfs.length).toLocaleString('en-US')},
      ...benchColdSeed()
    ]
  } finally {
    rmSync(root, {recursive: true, force: true})
  }
}

/**
 * The first build a press officer or CI meets: the seed alone, from a
 * clean output folder, every output. Beside it, WeasyPrint's CLI making a
 * PDF of the seed's English page (HTML and CSS to PDF): the ratio of their
 * CPU times is the figure to compare (target ≤ 1).
 */
function benchColdSeed(): Array<{name: string; value: string}> {
  const root = mkdtempSync(path.join(tmpdir(), 'pressroom-bench-seed-'))
  try {
    for (const item of ['pressroom.yaml', 'glossary.yaml', 'releases']) cpSync(path.join(repo, item), path.join(root, item), {recursive: true})
    const runs = [0, 1, 2].map(() => {
      rmSync(path.join(root, 'out'), {recursive: true, force: true})
      return runCli(root, ['build', ...now])
    })
    const median = (values: number[]) => values.sort((a, b) => a - b)[1]!
    const ours = {seconds: median(runs.map((r) => r.seconds)), cpu: median(runs.map((r) => r.cpuSeconds))}
    const rows = [{name: 'cold build of the seed, all outputs (s wall / s CPU, median of 3)', value: `${ours.seconds.toFixed(2)} / ${ours.cpu.toFixed(2)}`}]
    const page = path.join(root, 'out/site/en/2026/010/index.html')
    const weasy = [0, 1, 2].map(() => {
      const result = spawnSync('/usr/bin/time', ['-f', '%e %U %S', 'weasyprint', page, path.join(root, 'weasy.pdf')], {encoding: 'utf8'})
      if (result.status !== 0) return null
      const [wall, user, system] = result.stderr.trim().split('\n').at(-1)!.split(' ').map(Number)
      return {seconds: wall!, cpu: user! + system!}
    })
    if (weasy.some((run) => run === null)) {
      rows.push({name: 'WeasyPrint making the seed page\'s PDF', value: 'not measured: weasyprint is not installed (apt-get install weasyprint)'})
      return rows
    }
    const theirs = {seconds: median(weasy.map((r) => r!.seconds)), cpu: median(weasy.map((r) => r!.cpu))}
    rows.push({name: "WeasyPrint making the seed page's PDF (s wall / s CPU, median of 3)", value: `${theirs.seconds.toFixed(2)} / ${theirs.cpu.toFixed(2)}`})
    rows.push({name: 'cold build ÷ WeasyPrint, CPU (target ≤ 1)', value: (ours.cpu / theirs.cpu).toFixed(2)})
    return rows
  } finally {
    rmSync(root, {recursive: true, force: true})
  }
}
