import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {describe, expect, it} from 'vitest'
import {repoRoot} from '../test/project.js'
import type {RenderJob} from './render.js'

// The compiled pool: its workers run compiled code.
const {RenderPool} = (await import(pathToFileURL(path.join(repoRoot, 'dist/build/pool.js')).href)) as typeof import('./pool.js')

describe('RenderPool', () => {
  it('rejects when its workers cannot start, handing out no result, and closes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pressroom-pool-'))
    const pool = new RenderPool({configPath: path.join(dir, 'missing.yaml'), now: '2030-01-01T00:00:00Z', generator: 'pressroom test', outDir: path.join(dir, 'out')})
    const jobs = [1, 2, 3].map((n) => ({release: {path: `releases/2026/00${n}.md`}, run: ['pdf']}) as unknown as RenderJob)
    const done: number[] = []
    await expect(pool.run(jobs, 2, path.join(dir, 'stage'), (index) => done.push(index))).rejects.toThrow(/cannot read/)
    expect(done).toEqual([])
    expect(pool.size).toBe(2)
    await pool.close()
    expect(pool.size).toBe(0)
  })
})
