import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import type {CheckEntry} from '../check/index.js'
import {rules} from '../check/rules/index.js'
import type {Lang} from '../release/model.js'
import {checkTexts, projectConfig} from '../test/project.js'
import {releaseStateArbitrary} from './arbitraries.js'
import {namedStates, type StateRelease} from './states.js'

/** More runs with FUZZ_RUNS=20000 npm test. */
const runs = Number(process.env.FUZZ_RUNS ?? 300)
const config = projectConfig()
const states = new Map(namedStates().map((state) => [state.name, state]))

/** The real check (the reader, then every rule) on one state. */
function check(state: StateRelease): CheckEntry {
  const [entry] = checkTexts({[state.path]: state.text}, config)
  return entry!
}

function messagesOf(entry: CheckEntry, ruleId: string) {
  return entry.file.messages.filter((message) => message.ruleId === ruleId)
}

/** Lines of the English and Khmer units `missing-translation` named. */
function reportedMissing(entry: CheckEntry, state: StateRelease): Record<Lang, number[]> {
  const lines = messagesOf(entry, 'missing-translation').map((message) => message.line!)
  return {en: lines.filter((line) => state.lines.en.includes(line)), km: lines.filter((line) => state.lines.km.includes(line))}
}

/** What every state must show: nothing lost in silence, and the severity a draft allows. */
function expectNothingLost(entry: CheckEntry, state: StateRelease) {
  const missing = messagesOf(entry, 'missing-translation')
  const reported = reportedMissing(entry, state)
  // Every message names a unit written in the file.
  expect(reported.en.length + reported.km.length).toBe(missing.length)
  for (const message of missing) expect(message.fatal).toBe(!state.draft)
  const sectionMessages = entry.file.messages.filter((message) => message.ruleId === 'language-sections' || message.ruleId === 'untranslated')
  for (const lang of ['en', 'km'] as const) {
    const other: Lang = lang === 'en' ? 'km' : 'en'
    if (state.absent.includes(lang)) {
      expect(sectionMessages.some((message) => message.reason.startsWith(`No ${lang === 'en' ? 'English' : 'Khmer'} section`))).toBe(true)
    } else if (state.empty.includes(lang)) {
      expect(sectionMessages.some((message) => message.reason.startsWith(`The ${lang === 'en' ? 'English' : 'Khmer'} section is empty`))).toBe(true)
    } else if (!state.absent.includes(other) && !state.empty.includes(other)) {
      // Both sections hold text: a side with more units than the other has at least the surplus reported.
      expect(reported[lang].length).toBeGreaterThanOrEqual(state.lines[lang].length - state.lines[other].length)
    }
  }
  if (state.absent.length > 0 || state.empty.length > 0) expect(missing).toEqual([])
}

describe('check on releases in unfinished states', () => {
  it('english-only and khmer-only: one message naming the missing section, a warning in these drafts and an error once published, no unit reported', () => {
    for (const [name, lang] of [
      ['english-only', 'Khmer'],
      ['khmer-only', 'English']
    ] as const) {
      const draft = states.get(name)!
      expect(draft.draft).toBe(true)
      for (const state of [draft, {...draft, text: draft.text.replace('draft: true\n', '')}]) {
        const entry = check(state)
        expect(messagesOf(entry, 'language-sections').map((m) => [m.reason.split(';')[0], m.fatal])).toEqual([[`No ${lang} section`, state !== draft]])
        expect(messagesOf(entry, 'missing-translation')).toEqual([])
      }
    }
  })

  it('khmer-headline-only (a draft): every English paragraph named as a warning, and no error', () => {
    const state = states.get('khmer-headline-only')!
    const entry = check(state)
    expect(reportedMissing(entry, state)).toEqual(state.missing)
    expect(state.missing.en).toHaveLength(7)
    expect(entry.file.messages.filter((m) => m.fatal === true)).toEqual([])
    expect(messagesOf(entry, 'missing-translation')[0]!.reason).toBe(
      `English paragraph “The Government of Japan will provide…” (line ${state.lines.en[0]}) has no Khmer counterpart; translate it after the Khmer headline (line ${state.text.split('\n').indexOf(`## ជប៉ុនគាំទ្រពលករទេសន្តរប្រវេសន៍ដែលវិលត្រឡប់មកវិញ`) + 1}), or remove it`
    )
  })

  it('khmer-empty: one message from untranslated (a warning in this draft, an error once published), nothing per unit, no fact or glossary noise', () => {
    const draft = states.get('khmer-empty')!
    expect(check(draft).file.messages.map((m) => `${m.ruleId} ${m.fatal}`)).toEqual(['untranslated false'])
    expect(check({...draft, text: draft.text.replace('draft: true\n', '')}).file.messages.map((m) => `${m.ruleId} ${m.fatal}`)).toEqual(['untranslated true'])
  })

  it('half-translated, a passage skipped, Khmer longer: exactly the units without a twin are named', () => {
    for (const name of ['half-translated', 'passage-skipped', 'khmer-longer']) {
      const state = states.get(name)!
      const entry = check(state)
      expect(reportedMissing(entry, state), name).toEqual(state.missing)
      expect(state.missing.en.length + state.missing.km.length, name).toBeGreaterThan(0)
      expectNothingLost(entry, state)
    }
  })

  it('200 paragraphs, 500 list items, the same amount in 100 items: no diagnostic at all', () => {
    for (const name of ['paragraphs-200', 'list-items-500', 'same-amount-100-items']) {
      const entry = check(states.get(name)!)
      expect(entry.file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`), name).toEqual([])
    }
  })

  it('the longest paragraphs the reader takes, with thousands of doubled spaces: each one reported at its place', () => {
    const state = states.get('spacing-slips-longest')!
    const entry = check(state)
    expect(messagesOf(entry, 'limits')).toEqual([])
    const slips = messagesOf(entry, 'khmer-spacing')
    const lines = state.text.split('\n')
    const doubled = state.lines.km.flatMap((khmerLine) => [...lines[khmerLine - 1]!.matchAll(/ {2}/g)].map((match) => [khmerLine, match.index + 1]))
    expect(doubled.length).toBeGreaterThan(1000)
    expect(slips.map((m) => [m.line, m.column])).toEqual(doubled)
  })

  it('one 5 MB paragraph: the check ends, with a size diagnostic or a normal result', () => {
    const state = states.get('paragraph-5mb')!
    expect(state.text.length).toBeGreaterThan(5 * 1024 * 1024 * 0.3)
    const entry = check(state)
    const known = new Set(rules.map((rule) => rule.id))
    const size = entry.file.messages.filter((m) => !known.has(m.ruleId!) || /\b(size|too (long|large|big)|[KM]B)\b/i.test(m.reason))
    if (size.length === 0) {
      expect(entry.file.messages.map((m) => `${m.ruleId} ${m.reason}`)).toEqual([])
      expect(entry.release.sections.km!.blocks).toHaveLength(1)
    } else {
      expect(size[0]!.line).toBeGreaterThanOrEqual(1)
    }
  })

  it('on generated states: nothing lost in silence, and the named units are the right ones', () => {
    fc.assert(
      fc.property(releaseStateArbitrary, (state) => {
        const entry = check(state)
        expectNothingLost(entry, state)
        const reported = reportedMissing(entry, state)
        // Exactly the units without a twin, up to units written twice the
        // same (which of two identical paragraphs is the extra one has no answer).
        if (/^(full|khmer-stops|english-stops|khmer-headline-only|khmer-skips|khmer-adds)-/.test(state.name)) {
          const lines = state.text.split('\n')
          const texts = (found: Record<Lang, number[]>) => ({
            en: found.en.map((line) => lines[line - 1]).sort(),
            km: found.km.map((line) => lines[line - 1]).sort()
          })
          expect(texts(reported), state.name).toEqual(texts(state.missing))
        }
        if (/^khmer-as-list-/.test(state.name)) expect(reported).toEqual({en: [], km: []})
      }),
      {numRuns: Math.max(20, Math.floor(runs / 6)), seed: Number(process.env.FUZZ_SEED ?? 14)}
    )
  })
})
