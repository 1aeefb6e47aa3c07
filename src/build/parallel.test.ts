import {spawnSync} from 'node:child_process'
import {cpSync, mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {writeSyntheticReleases} from '../bench/synthetic.js'
import {repoRoot, seedPath, snapshotFolder} from '../test/project.js'

const cli = path.join(repoRoot, 'dist/cli/main.js')


describe('pressroom build on worker threads', () => {
  it('writes the same bytes as a build on one thread, and every output of every release', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'pressroom-jobs-'))
    for (const item of ['pressroom.yaml', 'glossary.yaml']) cpSync(path.join(repoRoot, item), path.join(root, item))
    await writeSyntheticReleases(path.join(repoRoot, seedPath), root, 12)
    const outputs: Array<Record<string, string>> = []
    for (const jobs of ['1', '2']) {
      const out = `out-${jobs}`
      const result = spawnSync(process.execPath, [cli, 'build', '--jobs', jobs, '--out', out, '--now', '2030-01-01T00:00:00Z'], {cwd: root, encoding: 'utf8'})
      expect(result.status, result.stderr).toBe(0)
      outputs.push(snapshotFolder(path.join(root, out)))
    }
    expect(outputs[1]).toEqual(outputs[0])
    const files = Object.keys(outputs[0]!)
    expect(files.filter((file) => /^pdf\/\d{4}-\d{3}\.pdf$/.test(file))).toHaveLength(12)
    expect(files.filter((file) => /^email\/\d{4}-\d{3}\.eml$/.test(file))).toHaveLength(12)
    expect(files.filter((file) => /^site\/km\/\d{4}\/\d{3}\/index\.html$/.test(file))).toHaveLength(12)
  }, 120_000)
})
