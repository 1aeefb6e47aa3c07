import {spawnSync} from 'node:child_process'
import {cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {writeSyntheticReleases} from '../bench/synthetic.js'
import {repoRoot, seedPath, snapshotFolder} from '../test/project.js'
import {crashPoints} from './crash.js'

const cli = path.join(repoRoot, 'dist/cli/main.js')

function build(cwd: string, crashAt?: string) {
  return spawnSync(process.execPath, [cli, 'build', '--jobs', '1', '--now', '2030-01-01T00:00:00Z'], {
    cwd,
    encoding: 'utf8',
    env: {...process.env, PRESSROOM_CRASH_AT: crashAt ?? ''}
  })
}

/** A project of a few releases, built once. */
async function builtProject(): Promise<{root: string; paths: string[]}> {
  const root = mkdtempSync(path.join(tmpdir(), 'pressroom-crash-'))
  for (const item of ['pressroom.yaml', 'glossary.yaml']) cpSync(path.join(repoRoot, item), path.join(root, item))
  const paths = await writeSyntheticReleases(path.join(repoRoot, seedPath), root, 3)
  expect(build(root).status).toBe(0)
  return {root, paths}
}

/** Edits one release, deletes another and adds one: work of every kind for the build that is stopped. */
function change(root: string, paths: readonly string[]): void {
  const edited = path.join(root, paths[0]!)
  writeFileSync(edited, readFileSync(edited, 'utf8').replace('This grant will', 'This grant shall'))
  rmSync(path.join(root, paths[1]!))
  const added = readFileSync(path.join(root, paths[2]!), 'utf8').replace(/^ref: No\. (\d+)/m, 'ref: No. 9')
  writeFileSync(path.join(root, path.dirname(paths[2]!), '009-added.md'), added)
}

describe('a build stopped at each of its steps', () => {
  it('leaves every file of out/ whole, from the old build or the new, and the next build finishes the work', async () => {
    // What the finished build of the changed sources is, made once.
    const reference = await builtProject()
    change(reference.root, reference.paths)
    expect(build(reference.root).status).toBe(0)
    const expected = snapshotFolder(path.join(reference.root, 'out'))

    const built = await builtProject()
    for (const point of crashPoints) {
      // A copy of the built project (its output's files and cache no longer share inodes: placed again, same bytes).
      const root = mkdtempSync(path.join(tmpdir(), 'pressroom-crash-'))
      cpSync(built.root, root, {recursive: true})
      const paths = built.paths
      const before = snapshotFolder(path.join(root, 'out'))
      change(root, paths)
      const stopped = build(root, point)
      expect(stopped.signal, `stopped at ${point}`).toBe('SIGKILL')
      // Every file is one the old or the new build wrote, byte for byte: none is torn.
      const after = snapshotFolder(path.join(root, 'out'))
      for (const [file, hash] of Object.entries(after)) expect([before[file], expected[file]], `${file} after a stop at ${point}`).toContain(hash)
      // Nothing the old build had is missing unless the new one removes it.
      for (const file of Object.keys(before)) if (file in expected) expect(after[file], `${file} after a stop at ${point}`).toBeDefined()
      const next = build(root)
      expect(next.status, next.stderr).toBe(0)
      expect(snapshotFolder(path.join(root, 'out')), `the build after a stop at ${point}`).toEqual(expected)
      // What the stopped build left in its working folder is gone.
      expect(readdirSync(path.join(root, 'out/.pressroom/tmp'))).toEqual([])
    }
  }, 240_000)
})
