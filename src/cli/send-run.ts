/** The body of `pressroom send`; see send.ts for the command. */
import {version} from '../package.js'
import {readFile, stat} from 'node:fs/promises'
import path from 'node:path'
import nodemailer from 'nodemailer'
import type {RenderContext, Renderer} from '../render/renderer.js'
import type {CheckEntry} from '../check/index.js'
import {addMessage} from '../diagnostic/message.js'
import {isPublished, releaseIdentity, type ReleaseIdentity} from '../release/identity.js'
import {compileReference, parseReference} from '../config/reference.js'
import {
  addressEmail,
  EmailConfigError,
  formatMailbox,
  loadEmailTemplate,
  pdfPath,
  prepareEmail,
  TemplateError,
  type Mailbox,
  type PreparedEmail
} from '../render/email/index.js'
import {UsageError} from '../diagnostic/usage.js'
import {checkProject} from '../project/check.js'
import {listReleases, loadProject, readEntries, resolveReleasePaths, type Project} from '../project/load.js'
import {formatReport, hasErrors} from './report.js'
import {escapeControls} from './terminal.js'
import {parseNow} from './now.js'
import {defaultTimeoutSeconds, type SendIo, type SendOptions} from './send-options.js'

const exit = {sent: 0, failed: 1, usage: 2} as const

/** The command's body; returns the exit code. */
export async function runSend(configPath: string | undefined, releaseArg: string, options: SendOptions, io: SendIo): Promise<number> {
  try {
    return await send(configPath, releaseArg, options, io)
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.files.length > 0) io.stderr.write(`${formatReport(error.files, 'pretty', {color: io.color})}\n`)
      io.stderr.write(`pressroom: ${escapeControls(error.message)}\n`)
      return exit.usage
    }
    throw error
  }
}

async function send(configPath: string | undefined, releaseArg: string, options: SendOptions, io: SendIo): Promise<number> {
  const project = await loadProject(configPath)
  const now = options.now === undefined ? io.now() : parseNow(options.now, project.config.timeZone)
  const timeoutSeconds = parseTimeout(options.timeout)
  const releasePath = await findRelease(project, releaseArg, now)

  // Checked with every release around it, as `check` does; errors refuse to send.
  const {selected} = await checkProject(project, [path.join(project.root, releasePath)])
  const entry = selected[0]!
  const report = () => io.stderr.write(`${formatReport([entry.file], 'pretty', {color: io.color})}\n`)
  if (hasErrors([entry.file])) {
    report()
    io.stderr.write(`pressroom: ${releasePath} has errors; fix them, then send\n`)
    return exit.failed
  }
  if (entry.file.messages.length > 0) report()

  const {release} = entry
  const identity = releaseIdentity(release, project.config)
  if (!identity) throw new UsageError(`${releasePath} has no readable reference and date; it cannot be sent`)
  if (release.frontmatter.draft) throw new UsageError(`${releasePath} is a draft; set \`draft: false\` when it is ready, then send`)
  const unreadable = release.frontmatter.unreadable
  if (unreadable.length > 0) {
    throw new UsageError(`${releasePath}: ${unreadable.map((key) => `\`${key}\``).join(' and ')} cannot be read, so it is held back; fix the frontmatter, then send`)
  }
  if (!isPublished(release, now)) {
    throw new UsageError(`${releasePath} is under embargo until ${release.frontmatter.embargo} (it is now ${now.toISOString()}); send it after that`)
  }

  const smtp = options.smtp ?? io.env.SMTP_URL
  if (!smtp) throw new UsageError('no SMTP server: pass --smtp URL or set SMTP_URL (e.g. smtps://user:password@mail.example.org)')
  const server = parseServer(smtp)
  if (options.to?.length === 0 || (!options.to && project.config.email.to.length === 0)) {
    throw new UsageError('no recipients: list them under `email.to` in pressroom.yaml or pass --to ADDRESS')
  }

  const context: RenderContext = {config: project.config, root: project.root, now, generator: `pressroom ${version}`}
  const pdf = await findPdf(entry, identity, context, options.out ?? 'out')
  if (pdf.findings) {
    report()
    io.stderr.write(`pressroom: the PDF of ${releasePath} cannot be made; fix the errors above, then send\n`)
    return exit.failed
  }
  if (!pdf.bytes) io.stderr.write(`pressroom: no PDF for ${identity.id} (${pdf.source}); the e-mail goes without an attachment\n`)

  let email: PreparedEmail
  try {
    email = prepareEmail({
      release,
      identity,
      config: project.config,
      template: await loadEmailTemplate(project.root),
      to: options.to,
      pdf: pdf.bytes
    })
  } catch (error) {
    if (error instanceof EmailConfigError || error instanceof TemplateError) throw new UsageError(error.message)
    throw error
  }

  io.stdout.write(escapeControls(describe(releasePath, identity, email, pdf, server.display, timeoutSeconds)))
  if (!options.yes) {
    io.stderr.write('pressroom: dry run, nothing was sent; add --yes to send\n')
    return exit.sent
  }
  return deliver(email, server.url, timeoutSeconds, io)
}

type Transporter = ReturnType<typeof nodemailer.createTransport>

interface Delivery {
  recipient: Mailbox
  /** `failed`: the connection or login failed before the server confirmed the message, which may or may not have arrived. */
  status: 'sent' | 'refused' | 'failed' | 'skipped'
  detail: string
}

async function deliver(email: PreparedEmail, url: string, timeoutSeconds: number, io: SendIo): Promise<number> {
  const transport: Transporter = nodemailer.createTransport({url, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000})
  const deliveries: Delivery[] = []
  // After a failure of the connection or login (not a refusal), nothing more is tried.
  let stopped = false
  try {
    for (const recipient of email.settings.to) {
      const delivery: Delivery = stopped
        ? {recipient, status: 'skipped', detail: 'not tried after the failure above'}
        : await deliverTo(transport, email, recipient, timeoutSeconds, io.now())
      if (delivery.status === 'failed') stopped = true
      deliveries.push(delivery)
      io.stdout.write(escapeControls(`${delivery.status.padEnd(8)} ${formatMailbox(recipient)}: ${delivery.detail}\n`))
    }
  } finally {
    transport.close()
  }
  const failed = deliveries.filter((delivery) => delivery.status !== 'sent')
  if (failed.length === 0) {
    io.stderr.write(`pressroom: sent to ${plural(deliveries.length, 'recipient')}\n`)
    return exit.sent
  }
  const sent = deliveries.length - failed.length
  io.stderr.write(
    `pressroom: sent to ${sent} of ${plural(deliveries.length, 'recipient')}; ` +
      `once the problem is fixed, send again with ${failed.map((delivery) => `--to ${delivery.recipient.address}`).join(' ')}\n`
  )
  return exit.failed
}

/**
 * One SMTP transaction: a copy for one recipient, To: them alone (no other
 * address of the press list is in it), dated when it is sent. The whole
 * transaction, from connecting to the server's answer, has a deadline: a
 * server that keeps sending continuation lines never goes quiet, so the
 * socket timeouts alone would wait forever.
 */
async function deliverTo(transport: Transporter, email: PreparedEmail, recipient: Mailbox, timeoutSeconds: number, sentAt: Date): Promise<Delivery> {
  const {eml} = await addressEmail(email, {to: [recipient], sentAt})
  const deadline = AbortSignal.timeout(timeoutSeconds * 1000)
  try {
    const info = await transport.sendMail({envelope: {from: email.settings.from.address, to: [recipient.address]}, raw: eml, signal: deadline})
    if (info.accepted.length === 1) return {recipient, status: 'sent', detail: oneLine(info.response)}
    return {recipient, status: 'refused', detail: 'the server accepted no recipient'}
  } catch (error) {
    if (deadline.aborted) {
      return {
        recipient,
        status: 'failed',
        detail: `the server did not finish within ${plural(timeoutSeconds, 'second')} (--timeout ${timeoutSeconds}); the message may or may not have arrived`
      }
    }
    const failure = describeFailure(error)
    return {recipient, status: failure.refused ? 'refused' : 'failed', detail: failure.detail}
  }
}

/** A refusal is the server's answer to one recipient (or to the message); anything else is a failure of the connection or login. */
function describeFailure(error: unknown): {refused: boolean; detail: string} {
  const e = error as {code?: string; responseCode?: number; response?: string; command?: string; message?: string}
  if (e.responseCode !== undefined && e.code !== 'EAUTH' && (e.code === 'EENVELOPE' || e.code === 'EMESSAGE')) {
    return {refused: true, detail: oneLine(e.response ?? e.message ?? String(error))}
  }
  const what =
    e.code === 'EAUTH'
      ? 'the server refused the login'
      : e.code === 'ECONNECTION' || e.code === 'ESOCKET' || e.code === 'ETIMEDOUT'
        ? 'the connection failed before the server confirmed the message (it may or may not have arrived)'
        : 'the server did not take the message'
  return {refused: false, detail: `${what}: ${oneLine(e.message ?? String(error))}`}
}

function describe(releasePath: string, identity: ReleaseIdentity, email: PreparedEmail, pdf: FoundPdf, server: string, timeoutSeconds: number): string {
  const {settings} = email
  const rows: Array<[string, string]> = [
    ['Release', `${releasePath} (${identity.id})`],
    ['From', formatMailbox(settings.from)],
    ['To', `each recipient alone, one copy each: ${settings.to.map(formatMailbox).join(', ')}`],
    ...(settings.replyTo ? [['Reply-To', formatMailbox(settings.replyTo)] as [string, string]] : []),
    ['Subject', email.subject],
    ['Date', `the time each copy is sent (the built file has ${email.date})`],
    ['Message-ID', email.messageId],
    ['Attachment', email.attachment && pdf.bytes ? `${email.attachment} (${pdf.bytes.byteLength} bytes, ${pdf.source})` : 'none'],
    ['Server', server],
    ['Timeout', `${plural(timeoutSeconds, 'second')} per recipient`]
  ]
  return rows.map(([key, value]) => `${`${key}:`.padEnd(12)}${value}\n`).join('')
}

interface FoundPdf {
  bytes: Uint8Array | null
  /** Where the bytes came from, or why there are none. */
  source: string
  /** Set when the PDF renderer reported errors (added to the release's messages). */
  findings?: true
}

/**
 * The PDF the build would attach: rendered now when pressroom has a PDF
 * renderer, else the one a build left in the output folder.
 */
async function findPdf(entry: CheckEntry, identity: ReleaseIdentity, context: RenderContext, outDir: string): Promise<FoundPdf> {
  const createPdfRenderer = await loadPdfRenderer()
  if (createPdfRenderer) {
    const renderer = createPdfRenderer()
    await renderer.prepare?.(context)
    const result = await renderer.renderRelease({release: entry.release, identity, source: String(entry.file.value ?? ''), published: true, messages: [], files: []}, context)
    if (result) {
      for (const finding of result.findings) addMessage(entry.file, finding)
      if (result.findings.some((finding) => finding.severity === 'error')) return {bytes: null, source: 'rendered', findings: true}
      const file = result.files.find((candidate) => candidate.path === pdfPath(identity.id))
      if (file) return {bytes: typeof file.data === 'string' ? new TextEncoder().encode(file.data) : file.data, source: 'rendered'}
    }
  }
  const built = path.join(outDir, pdfPath(identity.id))
  const bytes = await readFile(built).catch(() => null)
  if (bytes) return {bytes, source: `from ${built}`}
  return {bytes: null, source: createPdfRenderer ? 'the PDF renderer made none' : `pressroom has no PDF renderer and there is no ${built}; run pressroom build first`}
}

/** The PDF renderer, when this pressroom has one (it is looked up at run time, so `send` works without it). */
async function loadPdfRenderer(): Promise<(() => Renderer) | null> {
  const specifier: string = '../render/pdf/index.js'
  try {
    const module = (await import(specifier)) as {createPdfRenderer?: () => Renderer}
    return typeof module.createPdfRenderer === 'function' ? module.createPdfRenderer : null
  } catch (error) {
    // Only its absence is expected; a PDF renderer that fails to load is a bug to report.
    const e = error as {message?: string}
    // The missing module must be the renderer itself (Node: "Cannot find module '…/render/pdf/index.js'"; vitest: "Failed to load url ../render/pdf/index.js").
    if (/(?:Cannot find module '[^']*|Failed to load url \S*)render[/\\]pdf[/\\]index\.js/u.test(e.message ?? '')) return null
    throw error
  }
}

/**
 * The release named on the command line: its file, its id (`2026-010`,
 * `2026-10`), its number in the year of `now` (`10`), or its reference as
 * written in its frontmatter (`No. 10 PR-26/EoJ`).
 */
async function findRelease(project: Project, arg: string, now: Date): Promise<string> {
  const byNumber = /^(?:(\d{4})-)?(\d{1,4})$/u.exec(arg.trim())
  const pattern = compileReference(project.config.reference)
  const reference = byNumber ? null : parseReference(pattern, arg.trim())
  const onDisk = await stat(path.resolve(arg)).then(() => true, () => false)
  if (onDisk || (!byNumber && !reference)) {
    const paths = await resolveReleasePaths(project.root, [arg])
    if (paths.length !== 1 || !/^releases\/.+\.md$/u.test(paths[0]!)) {
      throw new UsageError(`${arg} is not a release; name one file under releases/ (releases/YYYY/NNN-slug.md), its id (YYYY-NNN), its number or its reference`)
    }
    return paths[0]!
  }
  const entries = await readEntries(project.root, await listReleases(project.root))
  const year = byNumber ? Number(byNumber[1] ?? now.getUTCFullYear()) : null
  const number = byNumber ? Number(byNumber[2]) : reference!.n
  const what = byNumber ? `the id ${year}-${String(number).padStart(3, '0')}` : `the reference ${arg.trim()}`
  const found = entries.filter((entry) => {
    const identity = releaseIdentity(entry.release, project.config)
    if (!identity) return false
    if (byNumber) return identity.year === year && identity.number === number
    return identity.number === number && identity.year % (reference!.yearDigits === 2 ? 100 : 10_000) === reference!.year
  })
  if (found.length === 0) throw new UsageError(`no release has ${what}; name its file (releases/YYYY/NNN-slug.md) or check its reference and date`)
  if (found.length > 1) throw new UsageError(`${found.length} releases have ${what}: ${found.map((entry) => entry.release.path).join(', ')}; name the file`)
  return found[0]!.release.path
}

function parseServer(text: string): {url: string; display: string} {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new UsageError(`the SMTP server \`${text.replace(/\/\/[^@/]*@/u, '//…@')}\` is not a URL; write e.g. smtps://user:password@mail.example.org`)
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new UsageError(`the SMTP server URL must start with smtp:// or smtps://, not ${url.protocol}//`)
  if (!url.hostname) throw new UsageError('the SMTP server URL names no host; write e.g. smtps://mail.example.org')
  const display = new URL(url.href)
  if (display.password) display.password = '***'
  return {url: url.href, display: display.href}
}



function parseTimeout(text: string | undefined): number {
  if (text === undefined) return defaultTimeoutSeconds
  const seconds = Number(text)
  if (!/^\d+(?:\.\d+)?$/u.test(text.trim()) || !(seconds > 0) || seconds > 3600) {
    throw new UsageError(`--timeout ${text}: give the seconds one recipient's transaction may take, more than 0 and at most 3600 (default ${defaultTimeoutSeconds})`)
  }
  return seconds
}

function oneLine(text: string): string {
  return text.replace(/\s+/gu, ' ').trim()
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}
