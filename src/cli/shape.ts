/**
 * `pressroom shape`: HarfBuzz's `hb-shape`, run on the HarfBuzz build the
 * renderers use (harfbuzzjs), printing what hb-shape prints. It answers
 * "what glyphs does the PDF get for this text?" and lets the output be
 * compared line for line with the system's hb-shape.
 *
 * Accepts the hb-shape options that HarfBuzz's own test files use
 * (test/shape/data/in-house/tests/*.tests): --font-funcs, --font-size,
 * --features, --cluster-level, --no-glyph-names, --no-positions,
 * --no-advances, --no-clusters, --ned, --show-flags, --direction, --script,
 * --language, --bot, --eot, the default-ignorable and unsafe-to-concat
 * flags, and text context. harfbuzzjs has only HarfBuzz's own OpenType font
 * functions, so --font-funcs=ft gives the 'ot' result; the two agree on
 * unhinted outlines at the default size.
 *
 * The glyphs are written by HarfBuzz's own serializer (hb_buffer_serialize),
 * as hb-shape writes them. harfbuzzjs is HarfBuzz 15; where Debian's
 * hb-shape is 6.0, the output differs where HarfBuzz itself changed since
 * (listed in src/test/debian-hb-shape.ts): a few below-vowel positions,
 * UNSAFE_TO_CONCAT on the last cluster, vertical metrics of fonts without
 * vmtx (--direction=ttb), FreeType scaling at --font-size with
 * --font-funcs=ft, and --cluster-level=3, which 6.0 lacks.
 */
import type {Command} from 'commander'
import type {ShapeCliOptions, ShapeIo} from './shape-run.js'

/** Add the `shape` subcommand to `program`; `io` defaults to the process's streams. */
export function registerShape(program: Command, io?: ShapeIo): Command {
  return program
    .command('shape')
    .description('shape text with HarfBuzz and print glyphs as hb-shape does')
    .argument('<font>', 'font file (TrueType or OpenType)')
    .argument('[text]', 'text to shape; without it (and without --unicodes) lines are read from standard input')
    .option('-u, --unicodes <list>', 'code points to shape, e.g. U+1780,U+17B6')
    .option('--text <string>', 'text to shape (same as the TEXT argument)')
    .option('--text-file <file>', 'shape the lines of a file')
    .option('--single-par', 'treat the text as one paragraph, newlines included')
    .option('--text-before <string>', 'context before each line')
    .option('--text-after <string>', 'context after each line')
    .option('--unicodes-before <list>', 'context code points before each line')
    .option('--unicodes-after <list>', 'context code points after each line')
    .option('--direction <dir>', 'ltr, rtl, ttb or btt (default: guessed)')
    .option('--script <tag>', 'ISO 15924 script, e.g. Khmr (default: guessed)')
    .option('--language <tag>', 'BCP 47 language, e.g. km (default: from $LC_ALL, $LC_CTYPE or $LANG)')
    .option('--features <list>', 'comma-separated features, e.g. "-liga,kern[3:5]"')
    .option('--variations <list>', 'comma-separated variations, e.g. "wght=500"')
    .option('--font-size <size>', "one or two integers, or 'upem' (default)")
    .option('--font-funcs <impl>', "'ot' or 'ft' (both use HarfBuzz's OpenType functions here)")
    .option('--face-index <index>', 'face in a font collection', '0')
    .option('--shapers <list>', "shapers to try; only 'ot' is available")
    .option('-n, --num-iterations <n>', 'accepted for compatibility; shapes once')
    .option('--bot', 'treat text as beginning of paragraph')
    .option('--eot', 'treat text as end of paragraph')
    .option('--preserve-default-ignorables', 'keep default-ignorable characters visible')
    .option('--remove-default-ignorables', 'remove default-ignorable characters')
    .option('--unsafe-to-concat', 'produce unsafe-to-concat glyph flags')
    .option('--safe-to-insert-tatweel', 'produce safe-to-insert-tatweel glyph flags')
    .option('--verify', 'let HarfBuzz check its own results')
    .option('--cluster-level <level>', 'cluster merging level, 0 to 3', '0')
    .option('--utf8-clusters', 'print clusters as UTF-8 byte offsets, not code point indices')
    .option('-O, --output-format <format>', 'text or json', 'text')
    .option('--no-glyph-names', 'print glyph indices instead of names')
    .option('--no-positions', 'do not print positions')
    .option('--no-advances', 'do not print advances (offsets become pen positions)')
    .option('--no-clusters', 'do not print clusters')
    .option('--ned', 'no extra data: neither clusters nor advances')
    .option('--show-flags', 'print glyph flags')
    .option('--show-extents', 'print glyph extents')
    .option('--show-text', 'print each input line first')
    .option('--show-unicode', 'print the code points of each line first')
    .option('--show-line-num', 'prefix output with the input line number')
    .addHelpText(
      'after',
      `
Example:
  $ pressroom shape fonts/NotoSansKhmer-Regular.ttf 'ស្ត្រី'
  [uni17D2179A=0+287|uni179F=0+928|uni17D2178F=0@14,-26+0|uni17B8=0@-32,-29+0]
  $ pressroom shape fonts/NotoSansKhmer-Regular.ttf --unicodes U+1780,U+17B6
  [uni178017B6=0+924]
  $ pressroom shape fonts/NotoSansKhmer-Regular.ttf < words.txt

Output is hb-shape's: glyph=cluster@x-offset,y-offset+advance, in font units
at the default size, clusters as code point indices.`
    )
    .action(async (fontPath: string, text: string | undefined, options: ShapeCliOptions) => {
      // Loaded here: HarfBuzz starts when imported, which no other command needs at start-up.
      const {runShape, processIo} = await import('./shape-run.js')
      const streams = io ?? processIo
      const code = await runShape(fontPath, text, options, streams)
      if (code !== 0) streams.setExitCode(code)
    })
}
