import {createHash} from 'node:crypto'

/**
 * SHA-256 of several parts, each followed by a NUL so that `('ab', 'c')` and
 * `('a', 'bc')` differ. Names content for caches, IDs and boundaries.
 */
export function sha256(...parts: Array<string | Uint8Array>): string {
  const hash = createHash('sha256')
  for (const part of parts) {
    hash.update(part)
    hash.update('\0')
  }
  return hash.digest('hex')
}
