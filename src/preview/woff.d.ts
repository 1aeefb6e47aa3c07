declare module 'woff2sfnt-sfnt2woff' {
  /** WOFF 1.0 from a TrueType or OpenType font (each table compressed with zlib). */
  export function toWoff(sfnt: Uint8Array): Buffer
  export function toSfnt(woff: Uint8Array): Buffer
}
