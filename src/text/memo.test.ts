import {describe, expect, it} from 'vitest'
import {rememberLast} from './memo.js'

describe('rememberLast', () => {
  it('computes a text once while it is kept, and again once it is dropped', () => {
    const calls: string[] = []
    const lengthOf = rememberLast((text: string) => {
      calls.push(text)
      return {length: text.length}
    }, 10)
    const first = lengthOf('abcd')
    expect(lengthOf('abcd')).toBe(first)
    lengthOf('efgh')
    expect(calls).toEqual(['abcd', 'efgh'])
    // 4 + 4 + 4 > 10: the oldest goes.
    lengthOf('ijkl')
    lengthOf('efgh')
    lengthOf('abcd')
    expect(calls).toEqual(['abcd', 'efgh', 'ijkl', 'abcd'])
  })

  it('keeps nothing longer than its bound', () => {
    let calls = 0
    const f = rememberLast((text: string) => ++calls + text.length, 3)
    f('abcd')
    f('abcd')
    expect(calls).toBe(2)
  })
})
