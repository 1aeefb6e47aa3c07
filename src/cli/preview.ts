import {type Command, InvalidArgumentError} from 'commander'

/** The port `pressroom preview` listens on unless told otherwise. */
export const defaultPreviewPort = 8040

/**
 * Adds `pressroom preview [file]`: serves the translator previews on
 * 127.0.0.1, re-checks and reloads open pages when a release, the config or
 * the glossary changes, and stops cleanly on SIGINT (Ctrl-C) or SIGTERM.
 * Prints the URL on standard output, progress on standard error.
 */
export function registerPreview(program: Command): Command {
  return program
    .command('preview')
    .description('serve the previews (English and Khmer side by side, with diagnostics) and reload them on every change')
    .argument('[file]', 'a release to open first (default: the list of releases)')
    .option('-p, --port <n>', 'port to listen on; 0 picks a free one', parsePort, defaultPreviewPort)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--now <time>', 'show embargoes as of this time: ISO 8601, in timeZone of pressroom.yaml without an offset (default: the clock)')
    .addHelpText(
      'after',
      `
Examples:
  $ pressroom preview
  $ pressroom preview releases/2026/010-japan-grant-ilo-returning-migrant-workers.md --port 0

Drafts and embargoed releases are previewed too. Stop with Ctrl-C.`
    )
    .action(async (file: string | undefined, options: {port: number; host: string; now?: string}, command: Command) => {
      const configPath = command.optsWithGlobals<{config?: string}>().config
      const [{startPreviewServer}, {loadProject}, {parseNow}] = await Promise.all([import('../preview/server.js'), import('../project/load.js'), import('./now.js')])
      // A fixed time is read in the office's time zone, which the config names.
      const fixed = options.now === undefined ? null : parseNow(options.now, (await loadProject(configPath)).config.timeZone)
      const server = await startPreviewServer({
        configPath,
        ...(fixed ? {now: () => fixed} : {}),
        file,
        port: options.port,
        host: options.host,
        log: (line) => process.stderr.write(`pressroom: ${line}\n`)
      })
      process.stdout.write(`${server.url}\n`)
      process.stderr.write(`pressroom: previewing at ${server.url} (Ctrl-C stops)\n`)
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop)
          process.off('SIGTERM', stop)
          resolve()
        }
        process.on('SIGINT', stop)
        process.on('SIGTERM', stop)
      })
      await server.close()
      process.stderr.write('pressroom: preview stopped\n')
    })
}

function parsePort(value: string): number {
  const port = Number(value)
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError('a port is a number from 0 to 65535')
  return port
}
