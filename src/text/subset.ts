/**
 * Font subsetting with HarfBuzz's subsetter (harfbuzzjs ships it as
 * `harfbuzz-subset.wasm`, without a JavaScript wrapper, so its C API is
 * called directly). One instance per thread serves the PDF's fonts
 * (`subsetFont`) and the preview's (`subsetForWeb`).
 *
 * The PDF's subset keeps the glyph ids of the original font (RETAIN_GIDS): the
 * PDF's character ids are then HarfBuzz's glyph ids, with an identity
 * CIDToGIDMap, and the content stream can be checked against `hb-shape`.
 * Unused glyphs become empty slots, which compress to almost nothing.
 * Layout, cmap, naming and PostScript tables are dropped (a CIDFont needs
 * none of them); hinting is dropped unless asked for.
 */
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'

// lib.dom is not in the project's lib, and @types/node 20 leaves WebAssembly untyped.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object, imports: object) => {exports: unknown}
}

interface SubsetExports {
  memory: {buffer: ArrayBuffer}
  _initialize(): void
  malloc(size: number): number
  free(pointer: number): void
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number
  hb_blob_destroy(blob: number): void
  hb_blob_get_length(blob: number): number
  hb_blob_get_data(blob: number, lengthOut: number): number
  hb_face_create(blob: number, index: number): number
  hb_face_destroy(face: number): void
  hb_face_reference_blob(face: number): number
  hb_set_add(set: number, value: number): void
  hb_set_clear(set: number): void
  hb_set_invert(set: number): void
  hb_subset_input_create_or_fail(): number
  hb_subset_input_destroy(input: number): void
  hb_subset_input_glyph_set(input: number): number
  hb_subset_input_set(input: number, which: number): number
  hb_subset_input_set_flags(input: number, flags: number): void
  hb_subset_input_unicode_set(input: number): number
  hb_subset_or_fail(face: number, input: number): number
}

// hb-subset.h
const HB_MEMORY_MODE_READONLY = 1
const HB_SUBSET_SETS_DROP_TABLE_TAG = 3
const HB_SUBSET_SETS_LAYOUT_FEATURE_TAG = 6
const HB_SUBSET_FLAGS_NO_HINTING = 0x1
const HB_SUBSET_FLAGS_RETAIN_GIDS = 0x2
const HB_SUBSET_FLAGS_NO_LAYOUT_CLOSURE = 0x200

const droppedTables = ['GSUB', 'GPOS', 'GDEF', 'BASE', 'JSTF', 'MATH', 'cmap', 'name', 'post', 'OS/2', 'DSIG', 'gasp', 'hdmx', 'kern', 'LTSH', 'VDMX', 'PCLT', 'meta', 'morx', 'kerx', 'feat', 'STAT']

let wasm: SubsetExports | undefined

function subsetter(): SubsetExports {
  if (wasm) return wasm
  const path = createRequire(import.meta.url).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm')
  const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(path)), {})
  wasm = instance.exports as SubsetExports
  wasm._initialize()
  return wasm
}

/** Faces inside the WebAssembly memory, one per font file, kept for the process (a handful of fonts). */
const faces = new WeakMap<Uint8Array, number>()

function faceOf(hb: SubsetExports, bytes: Uint8Array): number {
  let face = faces.get(bytes)
  if (face === undefined) {
    const data = hb.malloc(bytes.length)
    new Uint8Array(hb.memory.buffer, data, bytes.length).set(bytes)
    // The blob borrows `data`, which stays allocated as long as the face.
    const blob = hb.hb_blob_create(data, bytes.length, HB_MEMORY_MODE_READONLY, 0, 0)
    face = hb.hb_face_create(blob, 0)
    hb.hb_blob_destroy(blob)
    faces.set(bytes, face)
  }
  return face
}

function tag(name: string): number {
  const padded = name.padEnd(4, ' ')
  return ((padded.charCodeAt(0) << 24) | (padded.charCodeAt(1) << 16) | (padded.charCodeAt(2) << 8) | padded.charCodeAt(3)) >>> 0
}

/**
 * A TrueType font holding only `glyphIds` (and the glyphs their composites
 * use), at their original ids. Throws when HarfBuzz cannot subset the font.
 */
export function subsetFont(bytes: Uint8Array, glyphIds: Iterable<number>, options: {hinting: boolean}): Uint8Array {
  return subset(bytes, (hb, input) => {
    const glyphs = hb.hb_subset_input_glyph_set(input)
    for (const glyphId of glyphIds) hb.hb_set_add(glyphs, glyphId)
    const drop = hb.hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG)
    for (const name of droppedTables) hb.hb_set_add(drop, tag(name))
    let flags = HB_SUBSET_FLAGS_RETAIN_GIDS | HB_SUBSET_FLAGS_NO_LAYOUT_CLOSURE
    if (!options.hinting) flags |= HB_SUBSET_FLAGS_NO_HINTING
    hb.hb_subset_input_set_flags(input, flags)
  })
}

/**
 * A TrueType font for browsers, which shape the text themselves: the glyphs
 * of `codePoints` and every glyph the font's layout reaches from them, with
 * all layout features kept (as `hb-subset --layout-features='*'`).
 */
export function subsetForWeb(bytes: Uint8Array, codePoints: Iterable<number>): Uint8Array {
  return subset(bytes, (hb, input) => {
    const unicodes = hb.hb_subset_input_unicode_set(input)
    for (const codePoint of codePoints) hb.hb_set_add(unicodes, codePoint)
    const features = hb.hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG)
    hb.hb_set_clear(features)
    hb.hb_set_invert(features)
  })
}

function subset(bytes: Uint8Array, configure: (hb: SubsetExports, input: number) => void): Uint8Array {
  const hb = subsetter()
  const face = faceOf(hb, bytes)
  const input = hb.hb_subset_input_create_or_fail()
  if (input === 0) throw new Error('HarfBuzz could not start a subset (out of memory)')
  try {
    configure(hb, input)
    const subset = hb.hb_subset_or_fail(face, input)
    if (subset === 0) throw new Error('HarfBuzz could not subset the font')
    const blob = hb.hb_face_reference_blob(subset)
    const length = hb.hb_blob_get_length(blob)
    const data = hb.hb_blob_get_data(blob, 0)
    const out = new Uint8Array(hb.memory.buffer, data, length).slice()
    hb.hb_blob_destroy(blob)
    hb.hb_face_destroy(subset)
    if (length === 0) throw new Error('HarfBuzz made an empty subset')
    return out
  } finally {
    hb.hb_subset_input_destroy(input)
  }
}
