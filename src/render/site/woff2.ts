import {brotliCompressSync, constants} from 'node:zlib'

/**
 * Wraps a TrueType font in WOFF2 (W3C WOFF 2.0, 2018) with Node's own
 * Brotli. Every table keeps its bytes: the null transform, which the format
 * allows for all tables (version 3 for glyf and loca, 0 for the others).
 * The glyf transform would save a few more percent, for a much larger
 * encoder; Brotli does most of the work.
 */
export function toWoff2(sfnt: Uint8Array): Uint8Array {
  const view = new DataView(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength)
  const count = view.getUint16(4)
  const tables = Array.from({length: count}, (_, i) => {
    const at = 12 + i * 16
    return {tag: view.getUint32(at), offset: view.getUint32(at + 8), length: view.getUint32(at + 12)}
  })
  const directory: number[] = []
  for (const {tag, length} of tables) {
    const name = String.fromCharCode(tag >>> 24, (tag >>> 16) & 0xff, (tag >>> 8) & 0xff, tag & 0xff)
    // Bits 0–5: 63, the tag follows; bits 6–7: the transform version.
    directory.push(name === 'glyf' || name === 'loca' ? 0xff : 0x3f, tag >>> 24, (tag >>> 16) & 0xff, (tag >>> 8) & 0xff, tag & 0xff, ...base128(length))
  }
  const data = Buffer.concat(tables.map(({offset, length}) => sfnt.subarray(offset, offset + length)))
  const compressed = brotliCompressSync(data, {
    params: {[constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_FONT, [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length}
  })
  const headerLength = 48
  const body = headerLength + directory.length
  const total = body + compressed.length + ((4 - ((body + compressed.length) % 4)) % 4)
  const out = new Uint8Array(total)
  const header = new DataView(out.buffer)
  header.setUint32(0, 0x774f4632) // 'wOF2'
  header.setUint32(4, view.getUint32(0)) // the sfnt's flavour
  header.setUint32(8, total)
  header.setUint16(12, count)
  header.setUint32(16, 12 + 16 * count + tables.reduce((sum, {length}) => sum + length + ((4 - (length % 4)) % 4), 0))
  header.setUint32(20, compressed.length)
  header.setUint16(24, 1) // version 1.0 of the font, as the sfnt has no other
  out.set(directory, headerLength)
  out.set(compressed, body)
  return out
}

/** UIntBase128: seven bits a byte, most significant first, the high bit set on all but the last. */
function base128(value: number): number[] {
  const bytes = [value & 0x7f]
  for (let rest = value >>> 7; rest > 0; rest >>>= 7) bytes.unshift((rest & 0x7f) | 0x80)
  return bytes
}
