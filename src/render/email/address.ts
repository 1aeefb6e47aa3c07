/**
 * Mailboxes (`Name <user@example.org>` or `user@example.org`) as the e-mail
 * takes them from `pressroom.yaml` and `--to`. Anything a mail client or an
 * SMTP server could read differently is refused rather than repaired: a
 * control character (a CR or LF would end the header and start another), a
 * second address, a local part that is not a dot-atom (RFC 5322 §3.4.1), a
 * domain that is not a host name.
 */
import {domainToASCII} from 'node:url'

export interface Mailbox {
  /** Display name, or null when only the address is given. */
  name: string | null
  /** `local@domain`, ASCII, with the domain lower-cased and in A-label (punycode) form. */
  address: string
}

export class AddressError extends Error {}

// RFC 5322 §3.2.3 atext.
const dotAtom = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/
const hostLabel = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/
// C0, DEL, C1, and the Unicode line and paragraph separators.
const controls = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u

/** Reads one mailbox; throws an AddressError naming what is wrong. */
export function parseMailbox(text: string): Mailbox {
  if (controls.test(text)) throw new AddressError(`${quote(text)} contains a line break or control character; write it on one line`)
  const trimmed = text.trim()
  if (trimmed === '') throw new AddressError('the address is empty')
  const angled = /^(.*?)\s*<([^<>]*)>$/su.exec(trimmed)
  if (!angled) {
    if (/[\s<>,;"]/.test(trimmed)) throw new AddressError(`${quote(trimmed)} is not an address; write \`user@example.org\` or \`Name <user@example.org>\``)
    return {name: null, address: parseAddress(trimmed)}
  }
  const address = parseAddress(angled[2]!.trim())
  return {name: parseName(angled[1]!, trimmed), address}
}

/** `Name <address>` or `address`, for messages and the dry run; not header-encoded. */
export function formatMailbox(mailbox: Mailbox): string {
  return mailbox.name === null ? mailbox.address : `${mailbox.name} <${mailbox.address}>`
}

/** The domain of an address, for the Message-ID. */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1)
}

function parseName(raw: string, whole: string): string | null {
  let name = raw.trim()
  const quoted = /^"((?:[^"\\]|\\.)*)"$/su.exec(name)
  if (quoted) name = quoted[1]!.replace(/\\(.)/gsu, '$1')
  else if (/["<>]/.test(name)) throw new AddressError(`${quote(whole)}: put a name holding \`"\`, \`<\` or \`>\` in double quotes`)
  name = name.replace(/\s+/gu, ' ').trim()
  return name === '' ? null : name
}

function parseAddress(text: string): string {
  const at = text.lastIndexOf('@')
  if (at <= 0 || at === text.length - 1) throw new AddressError(`${quote(text)} is not an address; write \`user@example.org\``)
  const local = text.slice(0, at)
  const domain = text.slice(at + 1)
  if (!dotAtom.test(local) || local.length > 64) {
    throw new AddressError(`${quote(text)}: the part before @ may hold only letters, digits, dots (not at either end or doubled) and !#$%&'*+/=?^_\`{|}~-`)
  }
  const ascii = domainToASCII(domain)
  const labels = ascii.split('.')
  if (ascii === '' || ascii.length > 253 || labels.length < 2 || !labels.every((label) => hostLabel.test(label)) || /^\d+$/.test(labels.at(-1)!)) {
    throw new AddressError(`${quote(text)}: \`${domain}\` is not a domain name; write one such as \`example.org\``)
  }
  return `${local}@${ascii}`
}

function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text)
}
