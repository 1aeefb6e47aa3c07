import {isUtf8} from 'node:buffer'

export interface DecodedSource {
  /** The text with any byte order mark removed; invalid bytes become U+FFFD. */
  text: string
  bom: boolean
  /** The first byte that is not valid UTF-8, or null. */
  invalid: {byteOffset: number; byte: number; line: number; column: number} | null
}

const lenient = new TextDecoder('utf-8', {fatal: false, ignoreBOM: true})

/** Decodes a release file, reporting where the first invalid UTF-8 byte is. */
export function decodeSource(bytes: Uint8Array): DecodedSource {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
  const body = bom ? bytes.subarray(3) : bytes
  // Checking, then decoding with Buffer, is several times faster than a fatal TextDecoder.
  if (isUtf8(body)) return {text: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'), bom, invalid: null}
  const byteOffset = firstInvalidByte(body)
  const before = lenient.decode(body.subarray(0, byteOffset))
  const lineStart = before.lastIndexOf('\n') + 1
  return {
    text: lenient.decode(body),
    bom,
    invalid: {
      byteOffset: byteOffset + (bom ? 3 : 0),
      byte: body[byteOffset] ?? 0,
      line: before.split('\n').length,
      column: before.length - lineStart + 1
    }
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence (RFC 3629 §4). */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]!
    const lead = leadByte(b)
    if (!lead) return i
    const {need, min} = lead
    let cp = need === 0 ? b : b & (0x3f >> need)
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]
      if (c === undefined || (c & 0xc0) !== 0x80) return i
      cp = (cp << 6) | (c & 0x3f)
    }
    if (need > 0 && (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) return i
    i += need + 1
  }
  return bytes.length
}

function leadByte(b: number): {need: number; min: number} | null {
  if (b < 0x80) return {need: 0, min: 0}
  if (b >= 0xc2 && b <= 0xdf) return {need: 1, min: 0x80}
  if (b >= 0xe0 && b <= 0xef) return {need: 2, min: 0x800}
  if (b >= 0xf0 && b <= 0xf4) return {need: 3, min: 0x10000}
  return null
}
