/**
 * Hostile inputs (fixtures/hostile/expected.yaml): the time of `check` and
 * of `build` through the compiled CLI on the worst of them. Each must end,
 * in seconds, with its diagnostic (exit 1), never a crash.
 */
import {spawnSync} from 'node:child_process'
import {cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parse} from 'yaml'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const cli = path.join(repo, 'dist/cli/main.js')
const seedPath = 'releases/2026/010-japan-grant-ilo-returning-migrant-workers.md'

export interface HostileCase {
  text?: string
  times?: number
  indent?: number
  size?: number
  messages: string[]
}

export function hostileCases(): Record<string, HostileCase> {
  return parse(readFileSync(path.join(repo, 'fixtures/hostile/expected.yaml'), 'utf8')) as Record<string, HostileCase>
}

/** A project folder holding the case's release (made here: nothing large is kept in the repository). */
export function writeHostileProject(name: string, spec: HostileCase, withAssets = false): string {
  const dir = mkdtempSync(path.join(tmpdir(), `pressroom-hostile-${name}-`))
  for (const item of ['pressroom.yaml', 'glossary.yaml', ...(withAssets ? ['fonts', 'templates'] : [])]) cpSync(path.join(repo, item), path.join(dir, item), {recursive: true})
  mkdirSync(path.join(dir, 'releases/2026'), {recursive: true})
  const file = path.join(dir, seedPath)
  if (spec.size !== undefined) {
    writeFileSync(file, '')
    truncateSync(file, spec.size)
    return dir
  }
  const body = spec.indent !== undefined ? Array.from({length: spec.indent}, (_, i) => `${'  '.repeat(i)}- x`).join('\n') : spec.text!.repeat(spec.times!)
  const lines = readFileSync(path.join(repo, seedPath), 'utf8').split('\n')
  lines.splice(14, 0, body, '')
  writeFileSync(file, lines.join('\n'))
  return dir
}

const worst = ['paragraph-200k', 'links-30000', 'star-5000', 'quote-10000', 'huge-50mb']

export async function benchHostile(): Promise<Array<{name: string; value: string}>> {
  const cases = hostileCases()
  const rows: Array<{name: string; value: string}> = []
  for (const name of worst) {
    const dir = writeHostileProject(name, cases[name]!, true)
    try {
      for (const command of ['check', 'build']) {
        const started = performance.now()
        const result = spawnSync(process.execPath, [cli, command], {cwd: dir, stdio: 'ignore', timeout: 120_000})
        const seconds = (performance.now() - started) / 1000
        rows.push({name: `${command} ${name}`, value: `${seconds.toFixed(2)} s, exit ${result.status ?? result.signal} (target: a few seconds, exit 1)`})
      }
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  }
  return rows
}
