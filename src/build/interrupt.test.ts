import {spawn, spawnSync} from 'node:child_process'
import {cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {writeSyntheticReleases} from '../bench/synthetic.js'
import {repoRoot, seedPath, snapshotFolder} from '../test/project.js'

const cli = path.join(repoRoot, 'dist/cli/main.js')


function build(cwd: string) {
  const result = spawnSync(process.execPath, [cli, 'build', '--now', '2030-01-01T00:00:00Z'], {cwd, encoding: 'utf8'})
  expect(result.status, result.stderr).toBe(0)
}

describe('a build killed at random moments', () => {
  it('leaves the previous out/ whole, and the next build recovers', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'pressroom-kill-'))
    for (const item of ['pressroom.yaml', 'glossary.yaml', 'fonts', 'templates']) cpSync(path.join(repoRoot, item), path.join(root, item), {recursive: true})
    const paths = await writeSyntheticReleases(path.join(repoRoot, seedPath), root, 60)
    build(root)
    const before = snapshotFolder(path.join(root, 'out'))
    expect(Object.keys(before).length).toBeGreaterThan(1)
    // Change every release so that the killed builds have real work to do.
    for (const file of paths) {
      const full = path.join(root, file)
      writeFileSync(full, readFileSync(full, 'utf8').replace('This grant will', 'This grant shall'))
    }
    const delays = [5, 40, 80, 120, 160, 220, 300, 400, 600, 900]
    for (const delay of delays) {
      const child = spawn(process.execPath, [cli, 'build', '--now', '2030-01-01T00:00:00Z'], {cwd: root, stdio: 'ignore'})
      const exited = new Promise((resolve) => child.once('exit', resolve))
      await new Promise((resolve) => setTimeout(resolve, delay))
      child.kill('SIGKILL')
      await exited
      // Before a completed build, readers see exactly the previous output;
      // a build that got to its swap shows the new one, whole.
      const out = snapshotFolder(path.join(root, 'out'))
      if (JSON.stringify(out) !== JSON.stringify(before)) {
        build(root)
        const complete = snapshotFolder(path.join(root, 'out'))
        expect(out).toEqual(complete)
        break
      }
    }
    build(root)
    expect(readdirSync(root).filter((name) => name.startsWith('out'))).toEqual(['out'])
    // Made from the spares the killed builds left, the output is the one a
    // first build of the same sources makes (results kept for later aside).
    const fresh = mkdtempSync(path.join(tmpdir(), 'pressroom-fresh-'))
    for (const item of ['pressroom.yaml', 'glossary.yaml', 'fonts', 'templates', 'releases']) cpSync(path.join(root, item), path.join(fresh, item), {recursive: true})
    build(fresh)
    const outputs = (dir: string) => Object.fromEntries(Object.entries(snapshotFolder(path.join(dir, 'out'))).filter(([file]) => !file.startsWith('.pressroom-memo/')))
    expect(outputs(root)).toEqual(outputs(fresh))
  }, 120_000)
})
