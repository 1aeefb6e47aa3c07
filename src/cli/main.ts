#!/usr/bin/env node
import {Command, CommanderError, Option} from 'commander'
import {version} from '../package.js'
import {registerMemory} from './memory.js'
import {registerPreview} from './preview.js'
import {colorFor, type ReporterName} from './report.js'
import {registerBuild} from './build.js'
import {registerSend} from './send.js'
import {registerShape} from './shape.js'
import {UsageError} from '../diagnostic/usage.js'
import {escapeControls} from './terminal.js'

// Commands load what they need when they run, so that each starts quickly.
// The rules are loaded only for `check`, whose help lists them.
const rules = process.argv.slice(2).includes('check') ? (await import('../check/rules/index.js')).rules : []

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
  .option('-c, --config <file>', 'the project config (default: pressroom.yaml here or in the nearest folder above)')
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
      import('../project/load.js'),
      import('../project/check.js'),
      import('./report.js')
    ])
    const project = await loadProject(program.opts().config)
    let selected
    if (options.fix) {
      const fixed = await fixProject(project, paths)
      const {describeKhmer} = await import('../khmer/describe.js')
      // Each change as `file:line:column rule: before → after`; text that looks the same either way shows its code points.
      const shown = (text: string) => (text === '' ? 'nothing' : /^[!-~]+$/.test(text) ? text : describeKhmer(text))
      for (const {path, byRule, changes} of fixed.summaries) {
        const counts = [...byRule].map(([rule, n]) => `${rule} ×${n}`).join(', ')
        process.stderr.write(`pressroom: fixed ${escapeControls(path)}: ${counts}\n`)
        for (const change of changes) {
          process.stderr.write(`  ${escapeControls(path)}:${change.line}:${change.column} ${change.ruleId}: ${shown(change.before)} → ${shown(change.after)}\n`)
        }
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

registerBuild(program)

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
    const [{loadProject}, {createRelease}] = await Promise.all([import('../project/load.js'), import('./new.js')])
    const project = await loadProject(program.opts().config)
    const date = options.date ?? new Date().toISOString().slice(0, 10)
    process.stdout.write(`${await createRelease(project, {date, slug: options.slug})}\n`)
  })

registerShape(program)
registerSend(program)
registerPreview(program)
registerMemory(program)

try {
  await program.parseAsync(process.argv)
} catch (error) {
  process.exitCode = await handleError(error)
}

function write(reporter: ReporterName, text: string) {
  if (reporter === 'json') process.stdout.write(`${text}\n`)
  else process.stderr.write(`${text}\n`)
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
