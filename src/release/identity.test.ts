import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import type {Config} from '../config/model.js'
import {checkTexts, projectConfig, readRepoFile, seedPath} from '../test/project.js'
import {isPublished} from './identity.js'
import {parseRelease} from './parse.js'

/**
 * Whether a release is published is decided by the model alone: an embargo
 * or draft flag that cannot be read holds the release back, whatever the
 * severity of the `frontmatter` rule.
 */
const seed = readRepoFile(seedPath).toString('utf8')
const withFrontmatter = (lines: string) => seed.replace('date: 2026-02-18\n', `date: 2026-02-18\n${lines}\n`)
const read = (text: string) => parseRelease(seedPath, new TextEncoder().encode(text)).release
const after = new Date('2100-01-01T00:00:00Z')
const before = new Date('2026-01-01T00:00:00Z')

describe('isPublished', () => {
  it('publishes the seed, a draft: false and a passed embargo', () => {
    expect(isPublished(read(seed), before)).toBe(true)
    expect(isPublished(read(withFrontmatter('draft: false')), before)).toBe(true)
    expect(isPublished(read(withFrontmatter('embargo: 2026-02-18T10:00:00+07:00')), after)).toBe(true)
    expect(isPublished(read(withFrontmatter('embargo: 2026-02-18T10:00:00+07:00')), before)).toBe(false)
    expect(isPublished(read(withFrontmatter('draft: true')), after)).toBe(false)
  })

  const unreadable = [
    'embargo: 2099-01-01',
    'embargo: 2099-01-01T10:00',
    'embargo: "2099-01-01 10:00 +07:00"',
    'embargo: tomorrow',
    'embargo:',
    'embargo: ""',
    'embargo: [2099-01-01T10:00:00+07:00]',
    'embargo: {at: 2099-01-01T10:00:00+07:00}',
    'embargo: 4102444800',
    'draft: yes',
    'draft: "false"',
    'draft: no',
    'draft: 0',
    'draft:',
    'draft: [false]',
    'Draft: true',
    'DRAFT: false',
    'Embargo: 2099-01-01T10:00:00+07:00',
    'embargo_until: 2099-01-01T10:00:00+07:00',
    'embargo-until: 2099-01-01T10:00:00+07:00',
    'embrago: 2099-01-01T10:00:00+07:00',
    'darft: true',
    'is_draft: true'
  ]
  for (const lines of unreadable) {
    it(`holds back a release with \`${lines}\`, even long after any embargo`, () => {
      const release = read(withFrontmatter(lines))
      expect(release.frontmatter.unreadable).toEqual([lines.split(':')[0]])
      expect(isPublished(release, after)).toBe(false)
    })
  }

  it('holds back a release whose frontmatter is not YAML', () => {
    expect(isPublished(read(seed.replace('date: 2026-02-18', 'date: [2026-02-18')), after)).toBe(false)
  })

  it('does not depend on the severity of the frontmatter rule', () => {
    for (const setting of ['error', 'warn', 'off'] as const) {
      const base = projectConfig()
      const config: Config = {...base, rules: {...base.rules, frontmatter: setting}}
      const [entry] = checkTexts({[seedPath]: withFrontmatter('embargo: 2099-01-01\ndraft: yes')}, config)
      expect(isPublished(entry!.release, after), setting).toBe(false)
      const messages = entry!.file.messages.filter((m) => m.ruleId === 'frontmatter')
      if (setting === 'off') expect(messages).toEqual([])
      else expect(messages.map((m) => m.reason).every((reason) => reason.endsWith('until then the release is not published'))).toBe(true)
    }
  })

  it('publishes only a boolean draft: false and an offset date-time embargo that has passed (property)', () => {
    const value = fc.oneof(
      fc.constantFrom('true', 'false', 'yes', 'no', 'on', 'off', '~', '""', '2099-01-01', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00+07:00', '1', '0'),
      fc.string({maxLength: 12}).map((text) => JSON.stringify(text))
    )
    const key = fc.constantFrom('draft', 'embargo', 'Draft', 'EMBARGO', 'embargo_at', 'drafts', 'note')
    fc.assert(
      fc.property(key, value, (name, written) => {
        const release = read(withFrontmatter(`${name}: ${written}`))
        const published = isPublished(release, after)
        const expected =
          name === 'note' ||
          (name === 'draft' && written === 'false') ||
          (name === 'embargo' && /^20\d\d-\d\d-\d\dT[\d:]+(?:Z|[+-]\d\d:\d\d)$/.test(written))
        expect(published, `${name}: ${written}`).toBe(expected)
      }),
      {numRuns: Number(process.env.FUZZ_RUNS ?? 200)}
    )
  })
})

describe('YAML aliases in the frontmatter', () => {
  for (const lines of ['x: &a No. 10 PR-26/EoJ\nref2: *a', 'embargo: &e 2099-01-01T10:00:00+07:00\ndraft: *e', 'a: &a [1, 2]\nb: &b [*a, *a, *a, *a]\nc: [*b, *b, *b, *b]', '*a : x']) {
    it(`names the alias in ${JSON.stringify(lines)} and holds the release back`, () => {
      const {release, file} = parseRelease(seedPath, new TextEncoder().encode(withFrontmatter(lines)))
      const reasons = file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`)
      expect(reasons.length).toBeGreaterThan(0)
      for (const reason of reasons) {
        expect(reason).toMatch(/^\d+:\d+ frontmatter YAML (alias `\*\w+` in the frontmatter; write the value itself|syntax error)/)
        expect(reason).not.toContain('[object Object]')
      }
      expect(isPublished(release, after)).toBe(false)
    })
  }
})
