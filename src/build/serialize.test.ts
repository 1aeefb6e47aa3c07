import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {checkReleases} from '../check/index.js'
import {cacheOf, serializeCache} from '../cli/check.js'
import {loadProject, readEntries} from '../cli/project.js'
import {repoRoot, seedPath} from '../test/project.js'
import {serializeModel} from './build.js'

describe('the model and the check cache, written a release at a time', () => {
  it('are byte for byte what JSON.stringify writes, for none, one and several releases', async () => {
    const project = await loadProject(path.join(repoRoot, 'pressroom.yaml'))
    const entries = await readEntries(project.root, [seedPath, 'fixtures/good/crlf/releases/2026/010-japan-grant-ilo-returning-migrant-workers.md'])
    checkReleases(entries, project.config)
    for (const some of [[], entries.slice(0, 1), entries]) {
      const releases = some.map((entry) => entry.release)
      const sorted = [...releases].sort((a, b) => a.path.localeCompare(b.path))
      expect([...serializeModel(releases, 'pressroom 0.0.0')].join('')).toBe(`${JSON.stringify({generator: 'pressroom 0.0.0', releases: sorted}, null, 2)}\n`)
      const hashed = some.map((entry) => ({...entry, hash: 'h'}))
      expect([...serializeCache(hashed, 'k')].join('')).toBe(JSON.stringify(cacheOf(hashed, 'k')))
    }
  })
})
