import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {applyEdits} from './fix.js'

describe('applyEdits', () => {
  it('applies edits in source order', () => {
    expect(applyEdits('a  b ។', [{start: 5, end: 5, text: ''}, {start: 1, end: 3, text: ' '}]).text).toBe('a b ។')
  })

  it('keeps the first of two overlapping edits', () => {
    const result = applyEdits('abcdef', [{start: 1, end: 4, text: 'X'}, {start: 2, end: 5, text: 'Y'}])
    expect(result.text).toBe('aXef')
    expect(result.applied).toHaveLength(1)
  })

  it('skips edits that change nothing', () => {
    expect(applyEdits('abc', [{start: 0, end: 1, text: 'a'}]).applied).toEqual([])
  })

  it('never changes text outside the edited spans', () => {
    fc.assert(
      fc.property(
        fc.string({minLength: 1, maxLength: 40}),
        fc.array(fc.tuple(fc.nat(), fc.nat(5), fc.string({maxLength: 3})), {maxLength: 6}),
        (text, raw) => {
          const edits = raw.map(([start, length, replacement]) => {
            const s = start % text.length
            return {start: s, end: Math.min(text.length, s + length), text: replacement}
          })
          const {text: out, applied} = applyEdits(text, edits)
          // Rebuild the output from the untouched stretches and the replacements.
          let expected = ''
          let at = 0
          for (const edit of applied) {
            expected += text.slice(at, edit.start) + edit.text
            at = edit.end
          }
          expect(out).toBe(expected + text.slice(at))
          for (let i = 1; i < applied.length; i++) expect(applied[i]!.start).toBeGreaterThanOrEqual(applied[i - 1]!.end)
        }
      )
    )
  })
})
