import {describe, expect, it} from 'vitest'
import {checkTexts, readRepoFile, seedPath} from '../test/project.js'

/** The seed with its Khmer section replaced by `khmer` (or removed), as a draft or not. */
function seedWith(khmer: string | null, draft: boolean): string {
  const seed = readRepoFile(seedPath).toString('utf8')
  const start = seed.indexOf('# ខ្មែរ')
  const end = seed.indexOf('# English') > start ? seed.indexOf('# English') : seed.length
  const text = seed.slice(0, start) + (khmer ?? '') + seed.slice(end)
  return draft ? text.replace(/\n---\n/, '\ndraft: true\n---\n') : text
}

/** `severity ruleId` of each message of one release, sorted. */
function severities(text: string): string[] {
  const [entry] = checkTexts({'releases/2026/010-draft.md': text})
  return entry!.file.messages.map((m) => `${m.fatal ? 'error' : 'warning'} ${m.ruleId}`).sort()
}

describe('a draft waiting for its translation', () => {
  it('has no Khmer section yet: a warning in a draft, an error in a release to publish', () => {
    expect(severities(seedWith(null, true))).toContain('warning language-sections')
    expect(severities(seedWith(null, true)).filter((m) => m.startsWith('error'))).toEqual([])
    expect(severities(seedWith(null, false))).toContain('error language-sections')
  })

  it('has an empty Khmer section: one warning, and no fact is reported missing from it', () => {
    const messages = severities(seedWith('# ខ្មែរ\n\n', true))
    expect(messages.filter((m) => !m.endsWith('khmer-spacing'))).toEqual(['warning untranslated'])
    expect(severities(seedWith('# ខ្មែរ\n\n', false)).filter((m) => !m.endsWith('khmer-spacing'))).toEqual(['error untranslated'])
  })

  it('has no section at all: still an error, since it would have nothing to print', () => {
    const empty = '---\nref: No. 10 PR-26/EoJ\ndate: 2026-02-18\ndraft: true\n---\n'
    expect(severities(empty)).toEqual(['error language-sections', 'error language-sections'])
  })
})
