import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {checkTexts, projectConfig} from '../test/project.js'
import {releaseBytes} from './arbitraries.js'

/** More runs with FUZZ_RUNS=20000 npm test; the default keeps the suite quick. */
const runs = Number(process.env.FUZZ_RUNS ?? 300)
const config = projectConfig()

describe('reader and checks on hostile input', () => {
  it('never throw, and every message has a rule id and a position inside the file', () => {
    fc.assert(
      fc.property(releaseBytes, (bytes) => {
        const [entry] = checkTexts({'releases/2026/010-fuzz.md': bytes}, config)
        const text = String(entry!.file.value)
        const lines = text.split(/\r\n|\r|\n/).length
        for (const message of entry!.file.messages) {
          expect(message.ruleId).toBeTruthy()
          expect(message.source).toBe('pressroom')
          expect(message.line).toBeGreaterThanOrEqual(1)
          expect(message.line).toBeLessThanOrEqual(lines)
          expect(message.column).toBeGreaterThanOrEqual(1)
          expect(message.reason.length).toBeGreaterThan(0)
        }
      }),
      {numRuns: runs}
    )
  })
})
