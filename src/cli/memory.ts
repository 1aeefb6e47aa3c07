import type {Command} from 'commander'

/**
 * Adds the translators' commands: `pressroom tm export` (the archive's
 * aligned pairs as TMX) and `pressroom xliff export|import` (one release
 * to and from a CAT tool). `--config` is read from the program's options.
 */
export function registerMemory(program: Command): Command {
  const configOf = (command: Command) => command.optsWithGlobals<{config?: string}>().config ?? 'pressroom.yaml'
  const tm = program.command('tm').description("the archive as a translation memory for CAT tools")
  tm.command('export')
    .description('write every aligned English/Khmer pair of the archive as TMX 1.4b')
    .option('-o, --out <file>', 'the TMX file to write (default: standard output)')
    .option('--all', 'include drafts and releases still under embargo')
    .option('--now <iso>', 'decide embargoes as of this time (default: the clock)')
    .addHelpText(
      'after',
      `
Examples:
  $ pressroom tm export --out archive.tmx
  $ pressroom tm export --all > everything.tmx

One <tu> per sentence pair (or per block where the sentences do not pair one
to one) and release, English first (srclang="en"), then Khmer (xml:lang="km"),
with the release's reference, date, file and line as <prop>s. Drafts and
embargoed releases are left out unless --all is given, and said so.`
    )
    .action(async (options: {out?: string; all?: boolean; now?: string}, command: Command) => {
      const {runTmExport} = await import('./memory-run.js')
      await runTmExport(configOf(command), options)
    })

  const xliff = program.command('xliff').description('one release to and from a CAT tool, as XLIFF 1.2')
  xliff
    .command('export')
    .description('write a release as XLIFF 1.2: each English block a trans-unit, the Khmer as its target')
    .argument('<release>', 'the release: its file (releases/2026/010-….md) or its id (2026-010)')
    .option('-o, --out <file>', 'the XLIFF file to write (default: standard output)')
    .addHelpText(
      'after',
      `
Examples:
  $ pressroom xliff export 2026-012 --out 2026-012.xlf
  $ pressroom xliff export releases/2026/012-wells-pursat.md > wells.xlf

Emphasis, bold and links are <g> elements and line breaks <x/>, never Markdown.
Exact translations from earlier releases come as <alt-trans match-quality="100">.`
    )
    .action(async (release: string, options: {out?: string}, command: Command) => {
      const {runXliffExport} = await import('./memory-run.js')
      await runXliffExport(configOf(command), release, options)
    })
  xliff
    .command('import')
    .description("write an XLIFF file's targets into the release's Khmer section, then check it")
    .argument('<file>', 'the XLIFF file the CAT tool wrote')
    .option('--release <release>', 'the release, when the file does not name it (<file original="…">)')
    .addHelpText(
      'after',
      `
Examples:
  $ pressroom xliff import 2026-012.km.xlf
  $ pressroom xliff import from-po.xlf --release 2026-012

The structure and the formatting of the release stay; blocks whose target
reads as the Khmer already does are left byte for byte. A file made from
another version of the English is refused, and so is one whose Khmer was
changed in the release since: nothing is written then (exit code 2). The
release is written atomically, then checked (exit code 1 when it has errors).`
    )
    .action(async (file: string, options: {release?: string}, command: Command) => {
      const {runXliffImport} = await import('./memory-run.js')
      await runXliffImport(configOf(command), file, options)
    })
  return program
}
