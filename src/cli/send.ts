/**
 * `pressroom send RELEASE`: mails one release through an SMTP server. It
 * builds the message the build writes to out/email/ (same composer, same
 * PDF), prints it, and sends only with --yes.
 *
 * Each recipient gets a copy addressed to them alone (To: that one address;
 * nobody learns the rest of the press list), dated when it is sent, in an
 * SMTP transaction of its own with a deadline, so that a refused recipient
 * cannot hold back the others, no server can hold the command forever, and
 * the report says exactly who got it: "sent" only after the server accepted
 * the message for that recipient. After a failure that is not a refusal (a dropped
 * connection, a failed login) nothing more is tried: the rest are "skipped".
 */
import type {Command} from 'commander'
import {defaultTimeoutSeconds, type SendIo, type SendOptions} from './send-options.js'

export type {SendIo, SendOptions} from './send-options.js'

const processIo: SendIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  now: () => new Date(),
  get color() {
    return process.stderr.isTTY === true && !process.env.NO_COLOR
  },
  setExitCode(code) {
    process.exitCode = code
  }
}


/** Add the `send` subcommand to `program`; `--config` is read from the program's options. */
export function registerSend(program: Command, io: SendIo = processIo): Command {
  return program
    .command('send')
    .description('mail one release to journalists through an SMTP server (prints it; sends only with --yes)')
    .argument('<release>', 'the release: its file, its id (2026-010, 2026-10), its number this year (10) or its reference ("No. 10 PR-26/EoJ")')
    .option('--to <address>', 'a recipient instead of email.to of pressroom.yaml; repeat for more', collect, undefined)
    .option('--smtp <url>', 'the SMTP server, e.g. smtps://user:password@mail.example.org (default: $SMTP_URL)')
    .option('-y, --yes', 'send; without it, only print what would be sent')
    .option('--now <iso>', 'check the embargo as of this time (default: the clock)')
    .option('-o, --out <dir>', 'output folder of the build, for an already built PDF', 'out')
    .option('--timeout <seconds>', 'longest time one recipient\'s transaction may take, from connecting to the server\'s answer', String(defaultTimeoutSeconds))
    .addHelpText(
      'after',
      `
Examples:
  $ SMTP_URL=smtps://press:secret@mail.example.org pressroom send 2026-010
  $ pressroom send releases/2026/010-japan-grant-ilo-returning-migrant-workers.md --smtp smtp://localhost:2525 --yes
  $ pressroom send 10 --to editor@example.org --to desk@example.org --yes
  $ pressroom send "No. 10 PR-26/EoJ" --timeout 30 --yes

The message is the one pressroom build writes to out/email/, with the PDF
attached; each recipient gets a copy whose To: is their address alone and
whose Date: is the time it is sent. Drafts, releases under embargo and
releases with errors are not sent. Each recipient gets the message in an
SMTP transaction of its own, which must end within --timeout seconds, and is
reported as sent, refused, failed (the connection broke, or the deadline
passed, before the server confirmed it) or skipped (not tried after a
failure).

Exit codes: 0 sent to every recipient (or the dry run found nothing wrong),
1 the release has errors or a recipient did not get it, 2 usage or config
error (no server, not a release, a draft, under embargo, a bad address).`
    )
    .action(async (release: string, options: SendOptions) => {
      const configPath = program.opts().config as string | undefined
      // The sending code (nodemailer, the e-mail and PDF renderers) loads only when the command runs.
      const {runSend} = await import('./send-run.js')
      io.setExitCode(await runSend(configPath, release, options, io))
    })
}


function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value]
}
