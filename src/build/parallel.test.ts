import {spawnSync} from 'node:child_process'
import {cpSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {writeSyntheticReleases} from '../bench/synthetic.js'
import {repoRoot, seedPath, snapshotFolder} from '../test/project.js'

const cli = path.join(repoRoot, 'dist/cli/main.js')

function build(root: string, jobs: string, out: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [cli, 'build', '--json', '--jobs', jobs, '--out', out, '--now', '2030-01-01T00:00:00Z'], {cwd: root, encoding: 'utf8', env: {...process.env, ...env}})
  return {status: result.status, report: JSON.parse(result.stdout), stderr: result.stderr}
}

describe('pressroom build on render threads', () => {
  it('renders on every thread, and writes the same bytes as a build in its own thread', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'pressroom-jobs-'))
    for (const item of ['pressroom.yaml', 'glossary.yaml']) cpSync(path.join(repoRoot, item), path.join(root, item))
    await writeSyntheticReleases(path.join(repoRoot, seedPath), root, 8)
    const one = build(root, '1', 'out-1')
    expect(one.status, one.stderr).toBe(0)
    expect(one.report).toMatchObject({rendered: 8, threads: []})
    const two = build(root, '2', 'out-2')
    expect(two.status, two.stderr).toBe(0)
    // Each thread rendered some; together, every release.
    expect(two.report.threads).toHaveLength(2)
    for (const count of two.report.threads) expect(count).toBeGreaterThan(0)
    expect(two.report.threads.reduce((a: number, b: number) => a + b, 0)).toBe(8)
    const [a, b] = [snapshotFolder(path.join(root, 'out-1')), snapshotFolder(path.join(root, 'out-2'))]
    expect(b).toEqual(a)
    const files = Object.keys(a)
    expect(files.filter((file) => /^pdf\/\d{4}-\d{3}\.pdf$/.test(file))).toHaveLength(8)
    expect(files.filter((file) => /^email\/\d{4}-\d{3}\.eml$/.test(file))).toHaveLength(8)
    expect(files.filter((file) => /^site\/km\/\d{4}\/\d{3}\/index\.html$/.test(file))).toHaveLength(8)
  }, 120_000)

  it('writes nothing when the check of the whole archive ends in an error, though the threads had started on the releases that passed their own rules', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'pressroom-jobs-'))
    for (const item of ['pressroom.yaml', 'glossary.yaml']) cpSync(path.join(repoRoot, item), path.join(root, item))
    const paths = (await writeSyntheticReleases(path.join(repoRoot, seedPath), root, 6)).sort()
    // The last release read takes the number of the first: only the rule that compares releases finds it, after every release's own check.
    const last = path.join(root, paths.at(-1)!)
    const original = readFileSync(last, 'utf8')
    const firstRef = /^ref: (.*)$/m.exec(readFileSync(path.join(root, paths[0]!), 'utf8'))![1]!
    writeFileSync(last, original.replace(/^ref: .*$/m, `ref: ${firstRef}`))
    const failed = build(root, '2', 'out')
    expect(failed.status).toBe(1)
    expect(failed.report).toMatchObject({ok: false, written: 0})
    const errors = failed.report.diagnostics.flatMap((file: {path: string; messages: Array<{ruleId: string; fatal: boolean}>}) => file.messages.filter((m) => m.fatal).map((m) => `${file.path} ${m.ruleId}`))
    expect(errors).toContain(`${paths.at(-1)} ref-duplicate`)
    expect(Object.keys(snapshotFolder(path.join(root, 'out')))).toEqual([])
    // Fixed, the next build writes every release.
    writeFileSync(last, original)
    const fixed = build(root, '2', 'out')
    expect(fixed.status, fixed.stderr).toBe(0)
    expect(Object.keys(snapshotFolder(path.join(root, 'out'))).filter((file) => /^pdf\/\d{4}-\d{3}\.pdf$/.test(file))).toHaveLength(6)
  }, 120_000)

  it('fails the build, naming each release, when a render thread cannot start', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'pressroom-jobs-'))
    for (const item of ['pressroom.yaml', 'glossary.yaml']) cpSync(path.join(repoRoot, item), path.join(root, item))
    const paths = await writeSyntheticReleases(path.join(repoRoot, seedPath), root, 4)
    const failed = build(root, '2', 'out', {PRESSROOM_CRASH_AT: 'worker-start'})
    expect(failed.status).toBe(1)
    expect(failed.report).toMatchObject({ok: false, written: 0})
    const errors = failed.report.diagnostics.flatMap((file: {path: string; messages: Array<{ruleId: string; fatal: boolean; reason: string}>}) =>
      file.messages.filter((m) => m.fatal).map((m) => `${file.path} ${m.ruleId} ${m.reason}`)
    )
    expect(errors.sort()).toEqual(paths.map((file) => `${file} build A render thread failed on this release: a render thread failed as it started (PRESSROOM_CRASH_AT=worker-start)`).sort())
    expect(Object.keys(snapshotFolder(path.join(root, 'out')))).toEqual([])
  }, 120_000)
})
