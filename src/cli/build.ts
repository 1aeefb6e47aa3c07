import {availableParallelism} from 'node:os'
import path from 'node:path'
import type {Command} from 'commander'
import type {VFile} from 'vfile'
import type {BuildReport} from '../build/build.js'
import {rendererNames, type RendererName} from '../render/renderer.js'
import {UsageError} from '../diagnostic/usage.js'
import {version} from '../package.js'
import {formatZoned} from '../config/time.js'
import {parseNow} from './now.js'
import {escapeControls} from './terminal.js'
import {colorFor, formatReport} from './report.js'

/** Most builds print every message; past this many, warnings are counted by rule instead (errors always print). */
const fullReportLimit = 100

/** `--only html` is what the site renderer was called before. */
const onlyAliases: Record<string, RendererName> = {html: 'site'}

export function registerBuild(program: Command): Command {
  return program
    .command('build')
    .description('check every release, then write the outputs into out/')
    .option('-o, --out <dir>', 'output folder', 'out')
    .option('--only <kinds>', `render only these outputs: a comma list of ${rendererNames.join(', ')} (the others are kept while still right)`)
    .option('--now <time>', 'publish as of this time, for embargoes: ISO 8601, in timeZone of pressroom.yaml without an offset (default: the clock)')
    .option('-j, --jobs <n>', 'threads to render on (default: one per core)')
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
    .action(async (options: {out: string; only?: string; now?: string; json?: boolean; jobs?: string}, command: Command) => {
      const configPath = command.optsWithGlobals<{config?: string}>().config
      const only = options.only ? parseOnly(options.only) : null
      const jobs = options.jobs === undefined ? availableParallelism() : Number(options.jobs)
      if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new UsageError(`--jobs ${options.jobs}: give a whole number from 1 to 64`)
      const [{loadProject}, {buildProject}] = await Promise.all([import('../project/load.js'), import('../build/build.js')])
      const project = await loadProject(configPath)
      const now = options.now ? parseNow(options.now, project.config.timeZone) : new Date()
      const report = await buildProject(project, {
        outDir: options.out,
        only,
        now,
        version,
        jobs,
        configPath: project.configPath,
        onProgress: options.json ? undefined : progressPrinter()
      })
      if (options.json) printJson(report)
      else printSummary(report, project.config.timeZone, path.relative(process.cwd(), path.resolve(options.out)) || '.')
      process.exitCode = report.ok ? 0 : 1
    })
}

function parseOnly(value: string): Set<RendererName> {
  const names = value.split(',').map((name) => name.trim()).filter(Boolean).map((name) => onlyAliases[name] ?? name)
  const unknown = names.filter((name) => !(rendererNames as readonly string[]).includes(name))
  if (unknown.length > 0 || names.length === 0) throw new UsageError(`--only ${value}: use a comma list of ${rendererNames.join(', ')}`)
  return new Set(names as RendererName[])
}

function printJson(report: BuildReport): void {
  const {files, ...summary} = report
  process.stdout.write(`${JSON.stringify({...summary, diagnostics: JSON.parse(formatReport(files, 'json'))}, null, 2)}\n`)
}

function printSummary(report: BuildReport, timeZone: string, out: string): void {
  printDiagnostics(report.files)
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  if (!report.ok) {
    process.stderr.write(`pressroom: ${plural(report.errors, 'error')}; nothing was written\n`)
    return
  }
  const threads = report.threads.length > 0 ? ` on ${plural(report.threads.length, 'thread')} (${report.threads.join(', ')})` : ''
  process.stderr.write(
    `pressroom: ${plural(report.releases, 'release')}, ${report.rendered} rendered${threads}; in ${out}: ${plural(report.written, 'file')} written, ${report.unchanged} unchanged, ${report.removed} removed; ${plural(report.warnings, 'warning')}; ${report.seconds} s\n`
  )
  for (const item of report.withheld) {
    const why = {
      draft: () => 'a draft (draft: true)',
      embargo: () => `under embargo until ${formatZoned(new Date(item.until!), timeZone)}`,
      unreadable: () => `its frontmatter${item.keys?.length ? ` (${item.keys.map((key) => `\`${key}\``).join(', ')})` : ''} cannot be read; fix it to publish the release`,
      'not rebuilt': () => 'its pages were not rebuilt (--only); run a full build to publish it'
    }[item.reason]()
    process.stderr.write(`pressroom: not on the site: ${escapeControls(item.path)}, ${why}\n`)
  }
}

/** A bar on a terminal; on anything else, one plain line per release. */
function progressPrinter(): (event: {done: number; total: number; current: string}) => void {
  const tty = process.stderr.isTTY === true
  return ({done, total, current}) => {
    if (!tty) {
      process.stderr.write(`pressroom: [${done}/${total}] ${escapeControls(current)}\n`)
      return
    }
    const width = 24
    const filled = Math.round((done / total) * width)
    const line = done < total ? `${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${done}/${total} ${escapeControls(current)}` : ''
    process.stderr.write(`\r\x1b[2K${line.slice(0, (process.stderr.columns || 80) - 1)}`)
  }
}

function printDiagnostics(files: VFile[]): void {
  const color = colorFor('pretty')
  const total = files.reduce((sum, file) => sum + file.messages.length, 0)
  if (total === 0) return
  if (total <= fullReportLimit) {
    process.stderr.write(`${formatReport(files.filter((file) => file.messages.length > 0), 'pretty', {color})}\n`)
    return
  }
  const errors = files.filter((file) => file.messages.some((message) => message.fatal === true))
  if (errors.length > 0) process.stderr.write(`${formatReport(errors, 'pretty', {quiet: true, color})}\n`)
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
