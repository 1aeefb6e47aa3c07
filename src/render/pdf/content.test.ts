import {describe, expect, it} from 'vitest'
import {ContentBuilder, num, utf16Literal, type ContentFont} from './content.js'

/** A font whose glyph n is n thousandths wide... except the ones listed. */
function font(widths: Record<number, number>, names: Record<number, string>): ContentFont & {toUnicode: Map<number, string>} {
  const toUnicode = new Map<number, string>()
  return {
    resourceName: 'F1',
    toUnicode,
    widthMilli: (glyphId) => widths[glyphId] ?? 500,
    useGlyph(glyphId, clusterText) {
      if (!toUnicode.has(glyphId)) toUnicode.set(glyphId, clusterText ?? names[glyphId] ?? '\uFFFD')
      return toUnicode.get(glyphId)!
    }
  }
}

describe('content stream text', () => {
  it('draws a cluster that spells its text as plain glyphs', () => {
    const builder = new ContentBuilder()
    const latin = font({}, {})
    builder.moveTo(72, 700)
    builder.showCluster(latin, 10, [{glyphId: 0x41, xPt: 72, yPt: 0}], 'A', 77)
    builder.showCluster(latin, 10, [{glyphId: 0x42, xPt: 77, yPt: 0}], 'B', 82)
    expect(builder.take()).toBe('BT\n1 0 0 1 72 700 Tm\n/F1 10 Tf\n[<00410042>]TJ')
  })

  it('wraps a reordered cluster in an ActualText span, closing the gap left by a mark with Tc, and resets Tc and Ts before EMC', () => {
    const builder = new ContentBuilder()
    // ស្ថា: base+aa ligature (1216 wide) and a zero-width coeng-THO drawn 258 units left of the end, 16 units low.
    const khmer = font({0x113: 1216, 0xb3: 0}, {0xb3: '\u17D2\u1790'})
    builder.moveTo(100, 500)
    builder.showCluster(
      khmer,
      10,
      [
        {glyphId: 0x113, xPt: 100, yPt: 0},
        {glyphId: 0xb3, xPt: 100 + 9.58, yPt: -0.16}
      ],
      'ស្ថា',
      112.16
    )
    expect(builder.take()).toBe(
      [
        'BT',
        '1 0 0 1 100 500 Tm',
        '/F1 10 Tf',
        `/Span<</ActualText${utf16Literal('ស្ថា')}>>BDC`,
        '[<0113>]TJ',
        '-0.16 Ts',
        '2.58 Tc',
        '[258 <00b3>]TJ',
        '0 Tc',
        '0 Ts',
        'EMC'
      ].join('\n')
    )
    expect(khmer.toUnicode.get(0x113)).toBe('\uFFFD')
    expect(khmer.toUnicode.get(0xb3)).toBe('\u17D2\u1790')
  })

  it('puts a plain glyph followed by a wide gap (justified Khmer) in a span with Tc, but not a space', () => {
    const builder = new ContentBuilder()
    const khmer = font({}, {})
    builder.moveTo(0, 0)
    builder.showCluster(khmer, 10, [{glyphId: 7, xPt: 0, yPt: 0}], 'ក', 6)
    builder.showCluster(khmer, 10, [{glyphId: 3, xPt: 6, yPt: 0}], ' ', 12)
    builder.showCluster(khmer, 10, [{glyphId: 7, xPt: 12, yPt: 0}], 'ក', 17)
    expect(builder.take()).toBe(
      ['BT', '1 0 0 1 0 0 Tm', '/F1 10 Tf', `/Span<</ActualText${utf16Literal('ក')}>>BDC`, '1 Tc', '[<0007>]TJ', '0 Tc', 'EMC', '[<0003> -100 <0007>]TJ'].join('\n')
    )
  })

  it('writes ActualText as UTF-16BE with a byte order mark, escaping ( ) \\ and CR', () => {
    expect(utf16Literal('(ក)')).toBe('(\xFE\xFF\x00\\(\x17\x80\x00\\))')
    expect(utf16Literal('\\\r')).toBe('(\xFE\xFF\x00\\\\\x00\\r)')
  })

  it('writes numbers without exponents or negative zero', () => {
    expect(num(-0.0001)).toBe('0')
    expect(num(1e-7)).toBe('0')
    expect(num(12.34567)).toBe('12.346')
    expect(num(-3)).toBe('-3')
  })
})
