/**
 * One release as an RFC 5322 message, built by nodemailer's MailComposer:
 *
 *   multipart/mixed
 *     multipart/alternative
 *       text/plain; charset=utf-8; format=flowed; delsp=yes   both languages
 *       text/html; charset=utf-8                              the template, CSS inlined
 *     application/pdf                                         when the PDF was made
 *
 * Nothing comes from the clock or a random source, so the same input gives
 * the same bytes: the Date is the release's, and the Message-ID and the MIME
 * boundaries derive from a digest of the content (MailComposer otherwise
 * draws both at random).
 */
import MailComposer from 'nodemailer/lib/mail-composer/index.js'
import type {Config} from '../../config/model.js'
import type {ReleaseIdentity} from '../../release/identity.js'
import type {Release} from '../../release/model.js'
import {AddressError, domainOf, parseMailbox, type Mailbox} from './address.js'
import {renderEmailHtml, type EmailTemplate} from './html.js'
import {renderPlainText} from './plain-text.js'
import {sha256} from '../../hash.js'

export interface EmailInput {
  release: Release
  identity: ReleaseIdentity
  config: Config
  template: EmailTemplate
  /** Recipients instead of `email.to` of the config (`pressroom send --to`). */
  to?: readonly string[]
  /** The release's PDF, attached as `YYYY-NNN.pdf`. */
  pdf?: Uint8Array | null
}

export interface ComposedEmail {
  /** The message, CRLF line endings, as written to `out/email/YYYY-NNN.eml`. */
  eml: Buffer
  from: Mailbox
  to: Mailbox[]
  replyTo: Mailbox | null
  /** Decoded, as a mail client shows it. */
  subject: string
  date: string
  messageId: string
  /** File name of the attached PDF, or null. */
  attachment: string | null
}

/** A config value or `--to` address the e-mail cannot use; the message starts with `file:line:column:` when the config says where. */
export class EmailConfigError extends Error {}

export async function composeEmail(input: EmailInput): Promise<ComposedEmail> {
  return addressEmail(prepareEmail(input))
}

/** What every copy of a release's message shares: the parts, rendered once (the HTML and the flowed text take most of the time). */
export interface PreparedEmail {
  settings: EmailSettings
  subject: string
  text: string
  html: string
  pdf: Buffer | null
  attachment: string | null
  messageId: string
  /** The release's own Date (see messageDate). */
  date: string
  digest: string
}

export function prepareEmail(input: EmailInput): PreparedEmail {
  const {release, identity, config} = input
  const settings = emailSettings(config, input.to)
  const subject = emailSubject(release)
  const text = renderPlainText(release, config)
  // Text is CRLF in MIME (RFC 2046 §4.1.1); a bare LF would be sent as CRLF anyway, so the file would differ from what arrives.
  const html = renderEmailHtml(release, config, input.template, subject).replace(/\r?\n/gu, '\r\n')
  const pdf = input.pdf ? Buffer.from(input.pdf.buffer, input.pdf.byteOffset, input.pdf.byteLength) : null
  const attachment = pdf ? `${identity.id}.pdf` : null
  const digest = sha256(settings.from.address, subject, text, html, pdf ?? '')
  const messageId = `<${identity.id}.${referenceSlug(release.frontmatter.ref ?? identity.id)}.${digest.slice(0, 16)}@${domainOf(settings.from.address)}>`
  return {settings, subject, text, html, pdf, attachment, messageId, date: messageDate(release), digest}
}

/**
 * The message with its To and Date: by default those of the built file (the
 * recipients of the config or --to, the release's date); `pressroom send`
 * gives each copy its one recipient and the time it is sent.
 */
export async function addressEmail(prepared: PreparedEmail, copy: {to?: readonly Mailbox[]; sentAt?: Date} = {}): Promise<ComposedEmail> {
  const {settings, subject, text, html, pdf, attachment, messageId, digest} = prepared
  const to = copy.to ?? settings.to
  const date = copy.sentAt ? formatMessageDate(copy.sentAt) : prepared.date
  const headers: Record<string, string> = {'Content-Language': 'en, km'}
  if (settings.listUnsubscribe) headers['List-Unsubscribe'] = settings.listUnsubscribe
  const composer = new MailComposer({
    from: mimeAddress(settings.from),
    ...(to.length > 0 ? {to: to.map(mimeAddress)} : {}),
    ...(settings.replyTo ? {replyTo: mimeAddress(settings.replyTo)} : {}),
    subject,
    date,
    messageId,
    headers,
    alternatives: [
      {contentType: 'text/plain; charset=utf-8; format=flowed; delsp=yes', content: text},
      {contentType: 'text/html; charset=utf-8', content: html}
    ],
    attachments: pdf ? [{filename: attachment!, contentType: 'application/pdf', content: pdf}] : [],
    // "=_" cannot occur in quoted-printable or base64 text, so no encoded part can hold a delimiter.
    boundaryPrefix: '=_pressroom',
    baseBoundary: digest.slice(0, 32),
    // Nothing may be read from disk or the network: the content is all here.
    disableFileAccess: true,
    disableUrlAccess: true
  })
  const eml = await composer.compile().build()
  return {eml, from: settings.from, to: [...to], replyTo: settings.replyTo, subject, date, messageId, attachment}
}

/** An RFC 5322 date-time (§3.3) of a moment, in UTC: `Sun, 1 Mar 2026 09:30:00 +0000`. */
export function formatMessageDate(moment: Date): string {
  const [y, mo, d] = [moment.getUTCFullYear(), moment.getUTCMonth() + 1, moment.getUTCDate()]
  const time = [moment.getUTCHours(), moment.getUTCMinutes(), moment.getUTCSeconds()].map((n) => String(n).padStart(2, '0')).join(':')
  return `${weekday(y, mo, d)}, ${d} ${months[mo - 1]} ${y} ${time} +0000`
}

/** `No. 10 PR-26/EoJ — <English headline> / <Khmer headline>`, on one line whatever the headlines hold. */
export function emailSubject(release: Release): string {
  const headline = (lang: 'en' | 'km') => oneLine(release.sections[lang]?.headline?.text ?? '')
  return oneLine(`${release.frontmatter.ref ?? ''} — ${headline('en')} / ${headline('km')}`)
}

export interface EmailSettings {
  from: Mailbox
  to: Mailbox[]
  replyTo: Mailbox | null
  /** The List-Unsubscribe header value (RFC 2369): `<uri>, <uri>`. */
  listUnsubscribe: string | null
}

/** The addresses of the config (recipients from `to` when given), checked; throws an EmailConfigError. */
export function emailSettings(config: Config, to?: readonly string[]): EmailSettings {
  const where = (key: string) => {
    const position = config.positions[key]
    return position ? `${config.path}:${position.start.line}:${position.start.column}: ` : `${config.path}: `
  }
  const mailbox = (value: string, key: string, prefix: string) => {
    try {
      return parseMailbox(value)
    } catch (error) {
      if (error instanceof AddressError) throw new EmailConfigError(`${prefix}\`${key}\`: ${error.message}`)
      throw error
    }
  }
  const {email} = config
  if (email.from === null) throw new EmailConfigError(`${where('email')}\`email.from\` is missing; add the sender, e.g. \`from: Name <user@example.org>\``)
  return {
    from: mailbox(email.from, 'email.from', where('email.from')),
    to: to ? to.map((value) => mailbox(value, '--to', '')) : email.to.map((value) => mailbox(value, 'email.to', where('email.to'))),
    replyTo: email.replyTo === null ? null : mailbox(email.replyTo, 'email.replyTo', where('email.replyTo')),
    listUnsubscribe: email.listUnsubscribe === null ? null : listUnsubscribe(email.listUnsubscribe, where('email.listUnsubscribe'))
  }
}

/**
 * The release's date for the Date header. With an embargo, its moment in
 * its own offset; otherwise noon UTC of the release date, which every zone
 * from UTC−11 to UTC+11 shows as that same calendar day.
 */
export function messageDate(release: Release): string {
  const embargo = release.frontmatter.embargo
  const match = embargo ? /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?(Z|[+-]\d{2}:?\d{2})$/iu.exec(embargo) : null
  if (match) {
    const [, y, mo, d, hh, mm, ss = '00', zone] = match as unknown as string[]
    const offset = zone!.toUpperCase() === 'Z' ? '+0000' : zone!.replace(':', '')
    return `${weekday(Number(y), Number(mo), Number(d))}, ${Number(d)} ${months[Number(mo) - 1]} ${y} ${hh}:${mm}:${ss} ${offset}`
  }
  const date = release.frontmatter.date ?? '1970-01-01'
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number]
  return `${weekday(y, mo, d)}, ${d} ${months[mo - 1]} ${y} 12:00:00 +0000`
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']

function weekday(year: number, month: number, day: number): string {
  return weekdays[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]!
}

/** Control characters, line and paragraph separators and runs of white space become one space: nothing can start a new header. */
function oneLine(text: string): string {
  return text.replace(/[\p{Cc}\p{Zl}\p{Zp}\s]+/gu, ' ').trim()
}

/** `No. 10 PR-26/EoJ` → `no-10-pr-26-eoj`, for the Message-ID (a dot-atom, RFC 5322 §3.6.4). */
function referenceSlug(ref: string): string {
  return ref.toLowerCase().replace(/[^a-z0-9]+/gu, '-').replace(/^-|-$/gu, '') || 'release'
}

/**
 * `mailto:…` or `https://…`, or several in angle brackets separated by
 * commas. Each must be an ASCII URI without white space, so that it cannot
 * be encoded or folded into something else.
 */
function listUnsubscribe(value: string, where: string): string {
  const fail = (why: string): never => {
    throw new EmailConfigError(`${where}\`email.listUnsubscribe\`: ${why}; write \`mailto:unsubscribe@example.org\` or \`<https://example.org/unsubscribe>\``)
  }
  if (/[\p{Cc}\p{Zl}\p{Zp}]/u.test(value)) fail('it contains a line break or control character')
  const trimmed = value.trim()
  const uris = trimmed.includes('<') ? [...trimmed.matchAll(/<([^<>]*)>/gu)].map((m) => m[1]!) : [trimmed]
  if (trimmed.includes('<') && trimmed.replace(/<[^<>]*>/gu, '').replace(/[\s,]/gu, '') !== '') fail('put each address in <…> and separate them by commas')
  if (uris.length === 0) fail('it is empty')
  for (const uri of uris) {
    if (!/^[\x21-\x7e]+$/u.test(uri)) fail(`\`${uri}\` holds spaces or non-ASCII characters; percent-encode them`)
    let parsed: URL
    try {
      parsed = new URL(uri)
    } catch {
      return fail(`\`${uri}\` is not a URI`)
    }
    if (!['mailto:', 'https:', 'http:'].includes(parsed.protocol)) fail(`\`${uri}\` is neither a mailto: nor an http(s): address`)
  }
  return uris.map((uri) => `<${uri}>`).join(', ')
}

function mimeAddress(mailbox: Mailbox): {name?: string; address: string} {
  return mailbox.name === null ? {address: mailbox.address} : {name: mailbox.name, address: mailbox.address}
}

