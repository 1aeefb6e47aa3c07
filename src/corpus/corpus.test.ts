import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {projectConfig, repoRoot} from '../test/project.js'
import {loadCorpus, runCase} from './cases.js'

const corpus = loadCorpus(path.join(repoRoot, 'fixtures/facts'))
const config = projectConfig()

describe('the facts corpus (fixtures/facts)', () => {
  it('has correct forms and slips in every file', () => {
    for (const file of new Set(corpus.map((entry) => entry.file))) {
      const cases = corpus.filter((entry) => entry.file === file)
      expect(cases.some((entry) => entry.expect.length === 0), file).toBe(true)
      expect(cases.some((entry) => entry.expect.length > 0), file).toBe(true)
    }
  })

  for (const entry of corpus) {
    it(`${entry.file}: ${entry.name}`, () => {
      const result = runCase(entry, config)
      expect({falseErrors: result.falseErrors, missed: result.missed}).toEqual({falseErrors: [], missed: []})
    })
  }
})
