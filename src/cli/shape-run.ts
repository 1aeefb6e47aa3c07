/**
 * The body of `pressroom shape` (see shape.ts for the command and its
 * options). shape.ts loads this file only when the command runs, since
 * HarfBuzz starts when imported; so this file never imports shape.ts.
 */
import {readFileSync} from 'node:fs'
import {StringDecoder} from 'node:string_decoder'
import * as hb from 'harfbuzzjs'
import {FontLoadError, fontFromBytes, loadFont, type LoadedFont} from '../text/fonts.js'
import {defaultHbShapeSettings, hbShape, type HbShapeFont, type HbShapeSettings} from '../text/hb-shape.js'

const EXIT_USAGE = 2

export interface ShapeIo {
  stdin: AsyncIterable<string | Uint8Array>
  stdout: {write(text: string): unknown}
  stderr: {write(text: string): unknown}
  env: Record<string, string | undefined>
  setExitCode(code: number): void
}

/** Options as commander parses them (`--no-x` gives `x: false`). */
export interface ShapeCliOptions {
  unicodes?: string
  text?: string
  textFile?: string
  singlePar?: boolean
  textBefore?: string
  textAfter?: string
  unicodesBefore?: string
  unicodesAfter?: string
  direction?: string
  script?: string
  language?: string
  features?: string
  variations?: string
  fontSize?: string
  fontFuncs?: string
  faceIndex?: string
  shapers?: string
  numIterations?: string
  bot?: boolean
  eot?: boolean
  preserveDefaultIgnorables?: boolean
  removeDefaultIgnorables?: boolean
  unsafeToConcat?: boolean
  safeToInsertTatweel?: boolean
  verify?: boolean
  clusterLevel?: string
  utf8Clusters?: boolean
  outputFormat?: string
  glyphNames?: boolean
  positions?: boolean
  advances?: boolean
  clusters?: boolean
  ned?: boolean
  showFlags?: boolean
  showExtents?: boolean
  showText?: boolean
  showUnicode?: boolean
  showLineNum?: boolean
}

export const processIo: ShapeIo = {
  // A getter: touching process.stdin opens it, which only the stdin mode needs.
  get stdin() {
    return process.stdin
  },
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  setExitCode(code) {
    process.exitCode = code
  }
}

/** The command's body; returns the exit code. */
export async function runShape(
  fontPath: string,
  text: string | undefined,
  options: ShapeCliOptions,
  io: ShapeIo = processIo
): Promise<number> {
  let settings: HbShapeSettings
  let input: string | undefined
  try {
    settings = toSettings(options, io.env)
    input = inputText(text, options)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    io.stderr.write(`pressroom: ${error.message}\n`)
    return EXIT_USAGE
  }

  let font: HbShapeFont
  try {
    font = openFont(fontPath, options)
  } catch (error) {
    if (!(error instanceof FontLoadError || error instanceof UsageError)) throw error
    io.stderr.write(`pressroom: ${error.message}\n`)
    return EXIT_USAGE
  }

  let lineNumber = 0
  const shapeLine = (line: string): string => hbShape(font, codePointsOf(line), ++lineNumber, settings)

  if (input !== undefined) {
    const lines = options.singlePar ? [input] : splitLines(input)
    io.stdout.write(lines.map(shapeLine).join(''))
    return 0
  }

  // Standard input, line by line as it arrives; only "\n" ends a line (a
  // "\r" is shaped, as hb-shape does).
  const decoder = new StringDecoder('utf8')
  let pending = ''
  for await (const chunk of io.stdin) {
    pending += typeof chunk === 'string' ? chunk : decoder.write(Buffer.from(chunk))
    const lines = pending.split('\n')
    pending = lines.pop()!
    if (lines.length > 0) io.stdout.write(lines.map(shapeLine).join(''))
  }
  pending += decoder.end()
  if (pending.length > 0) io.stdout.write(shapeLine(pending))
  return 0
}

class UsageError extends Error {}

function openFont(fontPath: string, options: ShapeCliOptions): HbShapeFont {
  const faceIndex = parseInteger(options.faceIndex ?? '0', '--face-index')
  let loaded: LoadedFont = loadFont(fontPath)
  if (faceIndex !== 0) loaded = fontFromBytes(loaded.path, loaded.bytes, faceIndex)
  const size = parseFontSize(options.fontSize, loaded.upem)
  const variations = parseList(options.variations).map((item) => {
    const variation = hb.Variation.fromString(item)
    if (!variation) throw new UsageError(`cannot parse variation '${item}'`)
    return variation
  })
  if (size[0] === loaded.upem && size[1] === loaded.upem && variations.length === 0) return loaded
  const hbFont = new hb.Font(loaded.hbFace)
  hbFont.setScale(size[0], size[1])
  if (variations.length > 0) hbFont.setVariations(variations)
  return {hbFont}
}

function toSettings(options: ShapeCliOptions, env: Record<string, string | undefined>): HbShapeSettings {
  if (options.fontFuncs !== undefined && !['ot', 'ft'].includes(options.fontFuncs)) {
    throw new UsageError(`unknown --font-funcs '${options.fontFuncs}'; use ot or ft`)
  }
  if (options.shapers !== undefined && !parseList(options.shapers).includes('ot')) {
    throw new UsageError(`none of the shapers '${options.shapers}' is available; only ot is`)
  }
  if (options.numIterations !== undefined) parseInteger(options.numIterations, '--num-iterations')
  const format = options.outputFormat ?? 'text'
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown --output-format '${format}'; use text or json`)
  const clusterLevel = parseInteger(options.clusterLevel ?? '0', '--cluster-level')
  if (clusterLevel > 3) throw new UsageError(`--cluster-level must be 0 to 3, not ${clusterLevel}`)
  if (options.direction !== undefined && !/^[lrtb]/i.test(options.direction)) {
    throw new UsageError(`unknown --direction '${options.direction}'; use ltr, rtl, ttb or btt`)
  }
  const features: hb.Feature[] = []
  for (const item of parseList(options.features)) {
    // hb-shape skips what hb_feature_from_string rejects; so do we.
    const feature = /^[\x20-\x7e]*$/.test(item) ? hb.Feature.fromString(item) : undefined
    if (feature) features.push(feature)
  }
  if (options.textBefore !== undefined && options.unicodesBefore !== undefined) {
    throw new UsageError('give either --text-before or --unicodes-before, not both')
  }
  if (options.textAfter !== undefined && options.unicodesAfter !== undefined) {
    throw new UsageError('give either --text-after or --unicodes-after, not both')
  }
  const F = hb.BufferFlag
  const bufferFlags =
    (options.bot ? F.BOT : 0) |
    (options.eot ? F.EOT : 0) |
    (options.preserveDefaultIgnorables ? F.PRESERVE_DEFAULT_IGNORABLES : 0) |
    (options.removeDefaultIgnorables ? F.REMOVE_DEFAULT_IGNORABLES : 0) |
    (options.unsafeToConcat ? F.PRODUCE_UNSAFE_TO_CONCAT : 0) |
    (options.safeToInsertTatweel ? F.PRODUCE_SAFE_TO_INSERT_TATWEEL : 0) |
    (options.verify ? F.VERIFY : 0)
  return {
    ...defaultHbShapeSettings,
    direction: options.direction,
    script: options.script,
    language: options.language ?? localeLanguage(env),
    features,
    bufferFlags,
    clusterLevel,
    utf8Clusters: options.utf8Clusters === true,
    before:
      options.unicodesBefore !== undefined
        ? parseUnicodes(options.unicodesBefore, '--unicodes-before')
        : codePointsOf(options.textBefore ?? ''),
    after:
      options.unicodesAfter !== undefined
        ? parseUnicodes(options.unicodesAfter, '--unicodes-after')
        : codePointsOf(options.textAfter ?? ''),
    format,
    glyphNames: options.glyphNames !== false,
    positions: options.positions !== false,
    advances: options.advances !== false && !options.ned,
    clusters: options.clusters !== false && !options.ned,
    showFlags: options.showFlags === true,
    showExtents: options.showExtents === true,
    showText: options.showText === true,
    showUnicode: options.showUnicode === true,
    showLineNum: options.showLineNum === true
  }
}

/** The text to shape, or undefined to read standard input. */
function inputText(text: string | undefined, options: ShapeCliOptions): string | undefined {
  const given = [text, options.text, options.unicodes, options.textFile].filter((value) => value !== undefined)
  if (given.length > 1) throw new UsageError('give the text once: as TEXT, --text, --unicodes or --text-file')
  if (options.unicodes !== undefined) {
    return parseUnicodes(options.unicodes, '--unicodes')
      .map((codePoint) => String.fromCodePoint(codePoint))
      .join('')
  }
  if (options.textFile !== undefined) {
    try {
      return readFileSync(options.textFile, 'utf8')
    } catch (error) {
      throw new UsageError(`cannot read ${options.textFile}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`)
    }
  }
  return text ?? options.text
}

/** hb-shape splits given text at "\n"; a final "\n" adds no empty line. */
function splitLines(text: string): string[] {
  if (text.length === 0) return []
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  return lines
}

// hb-shape skips these between numbers, so "U+1780,U+17B6", "<1780 17b6>"
// and "0x1780;0x17B6" all parse.
const unicodeDelimiters = '<+-|>{},;&#\\xXuUnNiI\n\t\v\f\r '

/** Parse a code point list the way hb-shape's --unicodes does. */
export function parseUnicodes(list: string, option: string): number[] {
  const codePoints: number[] = []
  let i = 0
  while (i < list.length) {
    while (i < list.length && unicodeDelimiters.includes(list[i]!)) i++
    if (i >= list.length) break
    const match = /^(?:0[xX])?([0-9a-fA-F]+)/.exec(list.slice(i))
    const value = match ? Number.parseInt(match[1]!, 16) : Number.NaN
    if (!match || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) {
      throw new UsageError(`cannot parse ${option} at '${list.slice(i)}'`)
    }
    codePoints.push(value)
    i += match[0].length
  }
  return codePoints
}

function parseFontSize(value: string | undefined, upem: number): [number, number] {
  if (value === undefined || value === 'upem') return [upem, upem]
  const match = /^\s*([0-9]*\.?[0-9]+)(?:[ ,]+([0-9]*\.?[0-9]+))?\s*$/.exec(value)
  if (!match) throw new UsageError(`cannot parse --font-size '${value}'; give one or two numbers, or upem`)
  // hb-shape truncates to whole units (no subpixel bits by default).
  const x = Math.trunc(Number(match[1]))
  const y = match[2] === undefined ? x : Math.trunc(Number(match[2]))
  return [x, y]
}

function parseInteger(value: string, option: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${option} takes a whole number, not '${value}'`)
  return Number(value)
}

/** hb-shape separates list items by commas or spaces. */
function parseList(value: string | undefined): string[] {
  return value === undefined ? [] : value.split(/[, ]/).filter((item) => item.length > 0)
}

function codePointsOf(text: string): number[] {
  const codePoints: number[] = []
  for (const char of text) codePoints.push(char.codePointAt(0)!)
  return codePoints
}

/**
 * HarfBuzz's default language is the C library's locale, which hb-shape
 * takes from the environment; "en_US.UTF-8" becomes "en-us" and "C" "c",
 * as hb_language_from_string spells them.
 */
function localeLanguage(env: Record<string, string | undefined>): string {
  const locale = [env.LC_ALL, env.LC_CTYPE, env.LANG].find((value) => value !== undefined && value !== '') ?? 'C'
  const match = /^[A-Za-z0-9_-]*/.exec(locale)![0]
  return match.toLowerCase().replace(/_/g, '-') || 'c'
}
