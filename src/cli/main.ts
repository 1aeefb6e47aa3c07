#!/usr/bin/env node
import {availableParallelism} from 'node:os'
import path from 'node:path'
import {Command, CommanderError, Option} from 'commander'
import type {VFile} from 'vfile'
import {version} from '../package.js'
import {registerPreview} from './preview.js'
import type {ReporterName} from './report.js'
import {registerSend} from './send.js'
import {registerShape} from './shape.js'
import {escapeControls} from './terminal.js'
import {UsageError} from './usage.js'

// Commands load what they need when they run, so that each starts quickly
// (`build` with many releases to render does its work in a thread of its
// own). The rules are loaded only for `check`, whose help lists them.
const rules = process.argv.slice(2).includes('check') ? (await import('../check/rules/index.js')).rules : []

const rendererNames = ['html', 'pdf', 'email'] as const

/** Most builds print every message; past this many, warnings are counted by rule instead (errors always print). */
const fullReportLimit = 100

/** Exit codes, as in unified linters: 1 when a release has errors, 2 for usage or config errors. */
const exit = {ok: 0, errors: 1, usage: 2} as const

// A reader that stops early (`| head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw error
  })
}

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
  $ pressroom send 2026-010 --smtp smtp://localhost:2525 --yes
  $ pressroom preview --port 8040
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
    const [{loadProject}, {checkProject, fixProject}, {formatReport, hasErrors}] = await Promise.all([
      import('./project.js'),
      import('./check.js'),
      import('./report.js')
    ])
    const project = await loadProject(program.opts().config)
    let selected
    if (options.fix) {
      const fixed = await fixProject(project, paths)
      for (const {path, byRule} of fixed.summaries) {
        const counts = [...byRule].map(([rule, n]) => `${rule} ×${n}`).join(', ')
        process.stderr.write(`pressroom: fixed ${escapeControls(path)}: ${counts}\n`)
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
  .option('--only <kinds>', 'render only these outputs: a comma list of html, pdf, email (others are kept from the last build)')
  .option('--now <iso>', 'publish as of this time, for embargoes (default: the clock)')
  .option('-j, --jobs <n>', 'worker threads to render on (default: one per core)')
  .option('--json', 'print a machine-readable report on stdout')
  .addHelpText(
    'after',
    `
Examples:
  $ pressroom build
  $ pressroom build --only pdf --jobs 2
  $ pressroom build --now 2026-02-18T10:00:00+07:00 --json

Writes out/releases.json (the parsed model of every release) and the outputs
of each renderer. Nothing is written when a release has errors. Releases
whose inputs did not change since the last build are not rendered again.`
  )
  .action(async (options: {out: string; only?: string; now?: string; json?: boolean; jobs?: string}) => {
    const configPath: string = program.opts().config
    const only = options.only ? parseOnly(options.only) : null
    const now = options.now ? parseNow(options.now) : new Date()
    const jobs = options.jobs === undefined ? availableParallelism() : Number(options.jobs)
    if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new UsageError(`--jobs ${options.jobs}: give a whole number from 1 to 64`)
    const progress = options.json ? undefined : progressPrinter()
    // Loaded while the build runs: the report is printed the moment it ends.
    const reporting = import('./report.js')
    reporting.catch(() => undefined)
    const {runBuildCommand} = await import('./build-thread.js')
    const report = await runBuildCommand(
      {configPath, outDir: options.out, only: only && [...only], now: now.toISOString(), version, jobs, progress: progress !== undefined},
      progress
    )
    const {files, ...summary} = report
    const {formatReport} = await reporting
    if (options.json) {
      process.stdout.write(`${JSON.stringify({...summary, diagnostics: JSON.parse(formatReport(files, 'json'))}, null, 2)}\n`)
    } else {
      printBuildDiagnostics(files, formatReport)
      const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
      process.stderr.write(
        report.ok
          ? `pressroom: ${plural(report.releases, 'release')}, ${plural(report.written, 'file')} written, ${report.unchanged} unchanged, ${plural(report.warnings, 'warning')}, ${report.seconds} s\n`
          : `pressroom: ${plural(report.errors, 'error')}; nothing was written\n`
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
    const [{loadProject}, {createRelease}] = await Promise.all([import('./project.js'), import('./new.js')])
    const project = await loadProject(program.opts().config)
    const date = options.date ?? new Date().toISOString().slice(0, 10)
    process.stdout.write(`${await createRelease(project, {date, slug: options.slug})}\n`)
  })

registerShape(program)
registerSend(program)
registerPreview(program)

try {
  await program.parseAsync(process.argv)
} catch (error) {
  process.exitCode = await handleError(error)
}

function parseOnly(value: string): Set<(typeof rendererNames)[number]> {
  const names = value.split(',').map((name) => name.trim()).filter(Boolean)
  const unknown = names.filter((name) => !(rendererNames as readonly string[]).includes(name))
  if (unknown.length > 0 || names.length === 0) {
    throw new UsageError(`--only ${value}: use a comma list of ${rendererNames.join(', ')}`)
  }
  return new Set(names as Array<(typeof rendererNames)[number]>)
}

function parseNow(value: string): Date {
  const time = Date.parse(value)
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(value) || Number.isNaN(time)) {
    throw new UsageError(`--now ${value} is not an ISO 8601 time; write e.g. 2026-02-18T10:00:00+07:00`)
  }
  return new Date(time)
}

/** A bar on a terminal; on anything else, one plain line per release. */
function progressPrinter(): (event: {done: number; total: number; current: string}) => void {
  const tty = process.stderr.isTTY === true
  return ({done, total, current}) => {
    if (total === 0) return
    if (!tty) {
      if (current) process.stderr.write(`pressroom: [${done}/${total}] ${escapeControls(current)}\n`)
      return
    }
    const width = 24
    const filled = Math.round((done / total) * width)
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`
    const line = current ? `${bar} ${done}/${total} ${escapeControls(current)}` : ''
    process.stderr.write(`\r\x1b[2K${line.slice(0, (process.stderr.columns || 80) - 1)}`)
  }
}

function printBuildDiagnostics(files: VFile[], formatReport: (typeof import('./report.js'))['formatReport']) {
  const total = files.reduce((sum, file) => sum + file.messages.length, 0)
  if (total === 0) return
  if (total <= fullReportLimit) {
    process.stderr.write(`${formatReport(files.filter((file) => file.messages.length > 0), 'pretty', {color: colorFor('pretty')})}\n`)
    return
  }
  const errors = files.filter((file) => file.messages.some((message) => message.fatal === true))
  if (errors.length > 0) process.stderr.write(`${formatReport(errors, 'pretty', {quiet: true, color: colorFor('pretty')})}\n`)
  const byRule = new Map<string, number>()
  for (const file of files) {
    for (const message of file.messages) {
      if (message.fatal === false) byRule.set(message.ruleId ?? '', (byRule.get(message.ruleId ?? '') ?? 0) + 1)
    }
  }
  if (byRule.size === 0) return
  const counts = [...byRule].sort((a, b) => b[1] - a[1]).map(([rule, n]) => `${rule} ×${n}`).join(', ')
  process.stderr.write(`pressroom: warnings: ${counts} (pressroom check lists them)\n`)
}

function write(reporter: ReporterName, text: string) {
  if (reporter === 'json') process.stdout.write(`${text}\n`)
  else process.stderr.write(`${text}\n`)
}

function colorFor(reporter: ReporterName): boolean {
  return reporter === 'pretty' && process.stderr.isTTY === true && !process.env.NO_COLOR
}

async function handleError(error: unknown): Promise<number> {
  if (error instanceof CommanderError) {
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? exit.ok : exit.usage
  }
  if (error instanceof UsageError) {
    const {formatReport} = await import('./report.js')
    if (error.files.length > 0) process.stderr.write(`${formatReport(error.files, 'pretty', {color: colorFor('pretty')})}\n`)
    process.stderr.write(`pressroom: ${escapeControls(error.message)}\n`)
    return exit.usage
  }
  const message = error instanceof Error ? error.message : String(error)
  process.stderr.write(`pressroom: ${escapeControls(message)}\n`)
  return exit.usage
}
