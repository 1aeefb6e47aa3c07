/**
 * Debian's hb-shape (package libharfbuzz-bin), the second opinion on our
 * shaping. The first is HarfBuzz's own serializer in the HarfBuzz build the
 * engine uses (harfbuzzjs, HarfBuzz 15; src/text/hb-shape.ts), which must
 * agree exactly. Debian's hb-shape is HarfBuzz 6.0.0 and differs where
 * HarfBuzz itself changed since; these are the known differences, each
 * checked by a test so the list stays true:
 *
 * 1. A below vowel (U+17BB–U+17BD) under the stacks ញ្ញ and ស្ណ (ស្ណ in
 *    Noto Sans Khmer only) sits higher: only its y offset differs. HarfBuzz
 *    changed its own expectation in test/shape/data/in-house/tests/
 *    khmer-misc.tests (U+1789,U+17D2,U+1789,U+17BB: uni17BB at -160,-296
 *    became -160,-274). See `belowVowelSyllables`, `sameButBelowVowelY`.
 * 2. With --show-flags --unsafe-to-concat, HarfBuzz 15 also marks the last
 *    cluster UNSAFE_TO_CONCAT (#2); 6.0 does not.
 * 3. --direction=ttb with fonts without vertical metrics (vmtx): advances
 *    and origins differ.
 * 4. --font-funcs=ft with --font-size: 6.0 scales with FreeType, harfbuzzjs
 *    has only HarfBuzz's own font functions.
 * 5. --cluster-level=3, which 6.0 does not have.
 *
 * Tests give hb-shape the options of 1 and 2 only; 3–5 are not compared.
 */
import {spawnSync} from 'node:child_process'

/** Runs hb-shape; one output line per input line. hb-shape must be installed: without it the tests fail. */
export function debianHbShape(args: readonly string[], input = '', env: Record<string, string> = {LC_ALL: 'C.UTF-8'}): string {
  const result = spawnSync('hb-shape', args, {input, encoding: 'utf8', env: {...process.env, ...env}, maxBuffer: 1 << 28})
  if (result.error) throw new Error(`cannot run hb-shape (${result.error.message}); install libharfbuzz-bin`)
  if (result.status !== 0) throw new Error(`hb-shape ${args.join(' ')} failed: ${result.stderr}`)
  return result.stdout
}

/** hb-shape's version, e.g. `6.0.0`. */
export function debianHbShapeVersion(): string {
  return /\d+\.\d+\.\d+/.exec(debianHbShape(['--version']))?.[0] ?? ''
}

const COENG = '\u17D2'
const RO = '\u179A'
export const NYO_NYO = '\u1789\u17D2\u1789'
export const SA_NNO = '\u179F\u17D2\u178E'

/** Difference 1: the syllables of `stack` with a below vowel, alone and after coeng Ro. */
export function belowVowelSyllables(stack: string): string[] {
  return [`${stack}\u17BB`, `${stack}\u17BC`, `${stack}\u17BD`, `${stack}${COENG}${RO}\u17BB`]
}

/** Difference 1 in running text: a below vowel after ញ្ញ or ស្ណ, with or without coeng Ro. */
export const belowVowelAfterStack = /(?:\u1789\u17D2\u1789|\u179F\u17D2\u178E)(?:\u17D2\u179A)?[\u17BB-\u17BD]/u

/** Whether two lines of hb-shape's text output differ, and only in the y offset of below vowels. */
export function sameButBelowVowelY(expected: string, actual: string): boolean {
  const strip = (line: string) => line.replace(/(uni17B[BCD]=\d+@-?\d+,)-?\d+/g, '$1Y')
  return expected !== actual && strip(expected) === strip(actual)
}

/** Difference 2: a line with the glyph flags that are UNSAFE_TO_CONCAT alone (`#2`) taken out, to compare the rest. */
export function withoutUnsafeToConcat(line: string): string {
  return line.replace(/#2(?=[|\]])/g, '')
}
