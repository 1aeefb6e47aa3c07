#!/usr/bin/env node
import {readFileSync} from 'node:fs'
import {Command, CommanderError, Option} from 'commander'
import {rules} from '../check/rules/index.js'
import {buildProject} from './build.js'
import {checkProject, fixProject, formatReport, hasErrors, type ReporterName} from './check.js'
import {createRelease} from './new.js'
import {loadProject, UsageError} from './project.js'
import {registerShape} from './shape.js'

const version: string = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version

/** Exit codes, as in unified linters: 1 when a release has errors, 2 for usage or config errors. */
const exit = {ok: 0, errors: 1, usage: 2} as const

const program = new Command()
  .name('pressroom')
  .description('Check and publish bilingual English/Khmer press releases.')
  .version(version, '-V, --version', 'print the version')
  .option('-c, --config <file>', 'the project config', 'pressroom.yaml')
  .showHelpAfterError('(run pressroom --help for usage)')
  .exitOverride()
  .configureOutput({outputError: (text, write) => write(text.replace(/^error: /, 'pressroom: '))})
  .addHelpText(
    'after',
    `
Examples:
  $ pressroom check                          check every release in releases/
  $ pressroom check releases/2026 --reporter json
  $ pressroom build                          check, then write out/
  $ pressroom new --date 2026-03-02 --slug minister-visit
  $ pressroom shape fonts/NotoSansKhmer-Regular.ttf 'ស្ត្រី'

Exit codes: 0 no errors (warnings allowed), 1 a release has errors, 2 usage or config error.`
  )

program
  .command('check')
  .description('check releases and print diagnostics')
  .argument('[paths...]', 'release files or folders (default: every releases/**/*.md)')
  .addOption(new Option('-r, --reporter <name>', 'output format').choices(['pretty', 'json']).default('pretty'))
  .option('-q, --quiet', 'print only files with messages')
  .option('--fix', 'apply the fixable rules in place, then report what is left')
  .addHelpText(
    'after',
    `
Examples:
  $ pressroom check
  $ pressroom check releases/2026/010-japan-grant-ilo-returning-migrant-workers.md
  $ pressroom check --reporter json > report.json
  $ pressroom check --fix releases/2026

Rules:
${rules.map((rule) => `  ${rule.id.padEnd(20)} ${rule.severity.padEnd(8)} ${rule.summary}`).join('\n')}`
  )
  .action(async (paths: string[], options: {reporter: ReporterName; quiet?: boolean; fix?: boolean}) => {
    const project = await loadProject(program.opts().config)
    let selected
    if (options.fix) {
      const fixed = await fixProject(project, paths)
      for (const {path, byRule} of fixed.summaries) {
        const counts = [...byRule].map(([rule, n]) => `${rule} ×${n}`).join(', ')
        process.stderr.write(`pressroom: fixed ${path}: ${counts}\n`)
      }
      if (fixed.summaries.length === 0) process.stderr.write('pressroom: nothing to fix\n')
      selected = fixed.result.selected
    } else {
      selected = (await checkProject(project, paths)).selected
    }
    const files = selected.map((entry) => entry.file)
    write(options.reporter, formatReport(files, options.reporter, {quiet: options.quiet, color: colorFor(options.reporter)}))
    process.exitCode = hasErrors(files) ? exit.errors : exit.ok
  })

program
  .command('build')
  .description('check every release, then write the outputs into out/')
  .option('-o, --out <dir>', 'output folder', 'out')
  .option('--json', 'print a machine-readable report on stdout')
  .addHelpText(
    'after',
    `
Examples:
  $ pressroom build
  $ pressroom build --json

Writes out/releases.json, the parsed model of every release. Nothing is
written when a release has errors.`
  )
  .action(async (options: {out: string; json?: boolean}) => {
    const project = await loadProject(program.opts().config)
    const report = await buildProject(project, options.out, version)
    if (options.json) {
      const {files, ...summary} = report
      process.stdout.write(`${JSON.stringify({...summary, diagnostics: JSON.parse(formatReport(files, 'json'))}, null, 2)}\n`)
    } else {
      const withMessages = report.files.filter((file) => file.messages.length > 0)
      if (withMessages.length > 0) process.stderr.write(`${formatReport(withMessages, 'pretty', {color: colorFor('pretty')})}\n`)
      process.stderr.write(
        report.ok
          ? `pressroom: built ${report.releases} release${report.releases === 1 ? '' : 's'}: ${report.outputs.join(', ')} (${report.warnings} warning${report.warnings === 1 ? '' : 's'})\n`
          : `pressroom: ${report.errors} error${report.errors === 1 ? '' : 's'}; nothing was written\n`
      )
    }
    process.exitCode = report.ok ? exit.ok : exit.errors
  })

program
  .command('new')
  .description('create the next release of a year, with both sections scaffolded')
  .option('-d, --date <YYYY-MM-DD>', 'release date (default: today)')
  .option('-s, --slug <slug>', 'file name slug: lower-case letters, digits, hyphens', 'press-release')
  .addHelpText(
    'after',
    `
Example:
  $ pressroom new --date 2026-03-02 --slug minister-visit
  releases/2026/011-minister-visit.md`
  )
  .action(async (options: {date?: string; slug: string}) => {
    const project = await loadProject(program.opts().config)
    const date = options.date ?? new Date().toISOString().slice(0, 10)
    process.stdout.write(`${await createRelease(project, {date, slug: options.slug})}\n`)
  })

registerShape(program)

try {
  await program.parseAsync(process.argv)
} catch (error) {
  process.exitCode = handleError(error)
}

function write(reporter: ReporterName, text: string) {
  if (reporter === 'json') process.stdout.write(`${text}\n`)
  else process.stderr.write(`${text}\n`)
}

function colorFor(reporter: ReporterName): boolean {
  return reporter === 'pretty' && process.stderr.isTTY === true && !process.env.NO_COLOR
}

function handleError(error: unknown): number {
  if (error instanceof CommanderError) {
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? exit.ok : exit.usage
  }
  if (error instanceof UsageError) {
    if (error.files.length > 0) process.stderr.write(`${formatReport(error.files, 'pretty', {color: colorFor('pretty')})}\n`)
    process.stderr.write(`pressroom: ${error.message}\n`)
    return exit.usage
  }
  const message = error instanceof Error ? error.message : String(error)
  process.stderr.write(`pressroom: ${message}\n`)
  return exit.usage
}
