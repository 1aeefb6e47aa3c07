import type {Element, Root, RootContent} from 'hast'
import fc from 'fast-check'
import {simpleParser, type ParsedMail} from 'mailparser'
import rehypeParse from 'rehype-parse'
import {unified} from 'unified'
import {beforeAll, describe, expect, test} from 'vitest'
import type {Config} from '../../config/model.js'
import {releaseIdentity} from '../../release/identity.js'
import type {Block, Release, Section} from '../../release/model.js'
import {parseRelease} from '../../release/parse.js'
import {projectConfig, readRepoFile, repoRoot, seedPath} from '../../test/project.js'
import {composeEmail, EmailConfigError, type EmailInput} from './compose.js'
import type {EmailTemplate} from './html.js'
import {inlineText} from './plain-text.js'
import {loadEmailTemplate} from './template.js'

// Any bytes will do until the PDF renderer exists; the e-mail only carries them.
const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')

let template: EmailTemplate
beforeAll(async () => {
  template = await loadEmailTemplate(repoRoot)
})

function seed(): Release {
  return parseRelease(seedPath, readRepoFile(seedPath)).release
}

function input(overrides: Partial<EmailInput> = {}, config: Config = projectConfig()): EmailInput {
  const release = overrides.release ?? seed()
  return {release, identity: releaseIdentity(release, config)!, config, template, pdf, ...overrides}
}

/** The header block as [name, unfolded value] pairs, in order. */
function headerFields(eml: Buffer): Array<[string, string]> {
  const text = eml.toString('latin1')
  const head = text.slice(0, text.indexOf('\r\n\r\n'))
  expect(head).not.toMatch(/\r(?!\n)|(?<!\r)\n/u)
  return head
    .replace(/\r\n[ \t]/gu, ' ')
    .split('\r\n')
    .map((line) => {
      const colon = line.indexOf(':')
      return [line.slice(0, colon), line.slice(colon + 1).trim()] as [string, string]
    })
}

const rootHeaders = ['Content-Language', 'From', 'To', 'Subject', 'Message-ID', 'Date', 'MIME-Version', 'Content-Type']

/** Every Content-Type of the message, in order, parameters included. */
function contentTypes(eml: Buffer): string[] {
  const unfolded = eml.toString('latin1').replace(/\r\n[ \t]+/gu, ' ')
  return [...unfolded.matchAll(/^Content-Type: (.*)$/gmu)].map((m) => m[1]!.trim())
}

function hastText(node: Root | RootContent): string {
  if (node.type === 'text') return node.value
  if (node.type === 'element' && node.tagName === 'br') return '\n'
  return 'children' in node ? node.children.map(hastText).join('') : ''
}

function findAll(node: Root | Element, test: (element: Element) => boolean, into: Element[] = []): Element[] {
  for (const child of node.children) {
    if (child.type !== 'element') continue
    if (test(child)) into.push(child)
    findAll(child, test, into)
  }
  return into
}

/** The paragraphs a section's text shows: headline, then every paragraph and subhead (list items prefixed as in the text part). */
function expectedLines(section: Section): string[] {
  const lines = [section.headline!.text]
  const walk = (blocks: readonly Block[], marker = '') => {
    for (const block of blocks) {
      if (block.type === 'paragraph' || block.type === 'heading') lines.push(marker + inlineText(block.children))
      else if (block.type === 'list') for (const item of block.items) walk(item.children, '- ')
      else walk(block.children)
    }
  }
  walk(section.blocks)
  return lines
}

describe('composeEmail on the seed release', () => {
  let eml: Buffer
  let parsed: ParsedMail
  const release = seed()
  beforeAll(async () => {
    eml = (await composeEmail(input({release}))).eml
    parsed = await simpleParser(eml)
  })

  test('is multipart/mixed holding the text and HTML alternatives, then the PDF', () => {
    const types = contentTypes(eml)
    expect(types.map((type) => type.split(';')[0])).toEqual(['multipart/mixed', 'multipart/alternative', 'text/plain', 'text/html', 'application/pdf'])
    expect(types[2]).toBe('text/plain; charset=utf-8; format=flowed; delsp=yes')
    expect(types[3]).toBe('text/html; charset=utf-8')
  })

  test('has the headers of pressroom.yaml, the release date and a Message-ID from the reference and the sender domain', () => {
    expect(headerFields(eml).map(([name]) => name)).toEqual(rootHeaders)
    expect(parsed.from?.value).toEqual([{name: 'Embassy of Japan in Cambodia', address: 'info.jpn@pp.mofa.go.jp'}])
    expect((parsed.to as {value: unknown}).value).toEqual([{name: '', address: 'press@kh.emb-japan.go.jp'}])
    expect(parsed.date?.toISOString()).toBe('2026-02-18T12:00:00.000Z')
    expect(parsed.messageId).toMatch(/^<2026-010\.no-10-pr-26-eoj\.[0-9a-f]{16}@pp\.mofa\.go\.jp>$/u)
    expect(parsed.headers.get('content-language')).toBe('en, km')
  })

  test('has the Subject RFC 2047-encoded, decoding to reference, English and Khmer headlines', () => {
    const subject = headerFields(eml).find(([name]) => name === 'Subject')![1]
    expect(subject).toMatch(/^(?:=\?UTF-8\?[BQ]\?[^?]*\?= ?)+$/u)
    expect(parsed.subject).toBe(`No. 10 PR-26/EoJ — ${release.sections.en!.headline!.text} / ${release.sections.km!.headline!.text}`)
  })

  test('carries both languages in the text part, byte for byte, once format=flowed is undone', () => {
    const lines = parsed.text!.split(/\r?\n/u)
    for (const lang of ['en', 'km'] as const) {
      for (const expected of expectedLines(release.sections[lang]!)) {
        const found = lines.find((line) => line === expected)
        expect(found, `${lang}: ${expected}`).toBeDefined()
        expect(Buffer.from(found!)).toEqual(Buffer.from(expected))
      }
    }
    expect(lines).toContain('ថ្ងៃទី១៨ ខែ កុម្ភៈ ឆ្នាំ២០២៦')
    expect(lines).toContain('18 February 2026')
  })

  test('wraps the raw text part at 72 columns, breaking Khmer only between clusters', () => {
    const raw = textPart(eml)
    const rawLines = raw.split('\r\n')
    expect(rawLines.filter((line) => line.endsWith(' ')).length).toBeGreaterThan(10)
    const graphemes = new Intl.Segmenter('km', {granularity: 'grapheme'})
    // A cluster is a column, a Khmer one two (see wrap-flowed.ts).
    const columns = (line: string) => [...graphemes.segment(line)].reduce((sum, {segment}) => sum + (/^[\u1780-\u17FF]/u.test(segment) ? 2 : 1), 0)
    for (const line of rawLines) expect(columns(line.trimEnd())).toBeLessThanOrEqual(72)
    // Every soft break of a Khmer paragraph falls between two clusters.
    let paragraph = ''
    const joins: number[] = []
    for (const line of rawLines) {
      if (line.endsWith(' ')) {
        paragraph += line.slice(0, -1)
        joins.push(paragraph.length)
        continue
      }
      paragraph += line
      const starts = new Set([...graphemes.segment(paragraph)].map((s) => s.index))
      for (const join of joins) expect(starts.has(join), `${paragraph} at ${join}`).toBe(true)
      paragraph = ''
      joins.length = 0
    }
  })

  test('carries both languages in the HTML part, byte for byte, with lang="km" and a Khmer font stack inlined', () => {
    const tree = unified().use(rehypeParse).parse(String(parsed.html))
    for (const lang of ['en', 'km'] as const) {
      const [section] = findAll(tree, (element) => element.properties.lang === lang && element.properties.className?.includes('section') === true)
      expect(section, lang).toBeDefined()
      const texts = findAll(section!, (element) => ['h1', 'h2', 'p'].includes(element.tagName)).map(hastText)
      const items = findAll(section!, (element) => element.tagName === 'li').map((li) => `- ${hastText(li)}`)
      for (const expected of expectedLines(release.sections[lang]!)) {
        expect([...texts, ...items].some((text) => text === expected), `${lang}: ${expected}`).toBe(true)
      }
      if (lang === 'km') {
        for (const p of findAll(section!, (element) => element.tagName === 'p')) {
          expect(String(p.properties.style)).toContain(`font-family: 'Noto Sans Khmer', 'Khmer OS'`)
        }
      }
    }
    // CSS is inlined: no <style> rule is left but the media query.
    expect(String(parsed.html)).not.toMatch(/<style>[^@]*\{/u)
    expect(String(parsed.html)).toMatch(/^<!doctype html><html lang="en">/iu)
  })

  test('attaches the PDF bytes as YYYY-NNN.pdf', () => {
    expect(parsed.attachments).toHaveLength(1)
    const [attachment] = parsed.attachments
    expect(attachment!.filename).toBe('2026-010.pdf')
    expect(attachment!.contentType).toBe('application/pdf')
    expect(attachment!.contentDisposition).toBe('attachment')
    expect(Buffer.compare(attachment!.content, Buffer.from(pdf))).toBe(0)
  })

  test('is the same bytes on every composition', async () => {
    const again = await composeEmail(input({release: seed()}))
    expect(Buffer.compare(again.eml, eml)).toBe(0)
  })

  test('keeps every line within 998 octets, ends every line in CRLF, and the headers ASCII (RFC 5322 §2.1.1, §2.3)', () => {
    expect(eml.toString('latin1')).not.toMatch(/\r(?!\n)|(?<!\r)\n/u)
    expect(eml.toString('latin1')).toMatch(/^[\x00-\x7f]*$/u)
    for (const line of eml.toString('latin1').split('\r\n')) expect(line.length).toBeLessThanOrEqual(998)
    const head = eml.toString('latin1').slice(0, eml.indexOf('\r\n\r\n'))
    expect(head).toMatch(/^[\x20-\x7e\r\n\t]*$/u)
  })
})

describe('composeEmail options', () => {
  test('without a PDF the message is multipart/alternative', async () => {
    const {eml, attachment} = await composeEmail(input({pdf: null}))
    expect(attachment).toBeNull()
    expect(contentTypes(eml).map((type) => type.split(';')[0])).toEqual(['multipart/alternative', 'text/plain', 'text/html'])
    expect((await simpleParser(eml)).attachments).toEqual([])
  })

  test('a change of content changes the Message-ID; a change of recipients does not', async () => {
    const base = await composeEmail(input())
    const other = await composeEmail(input({to: ['editor@example.org']}))
    expect(other.messageId).toBe(base.messageId)
    const corrected = seed()
    corrected.sections.en!.headline!.text += ' (corrected)'
    expect((await composeEmail(input({release: corrected}))).messageId).not.toBe(base.messageId)
  })

  test('the embargo, in its own offset, is the Date', async () => {
    const release = seed()
    release.frontmatter.embargo = '2026-02-18T10:00:00+07:00'
    const {eml, date} = await composeEmail(input({release}))
    expect(date).toBe('Wed, 18 Feb 2026 10:00:00 +0700')
    expect((await simpleParser(eml)).date?.toISOString()).toBe('2026-02-18T03:00:00.000Z')
  })

  test('Reply-To, List-Unsubscribe and --to recipients', async () => {
    const config = projectConfig()
    config.email = {...config.email, replyTo: 'Press Office <press@kh.emb-japan.go.jp>', listUnsubscribe: 'mailto:unsubscribe@kh.emb-japan.go.jp'}
    const {eml} = await composeEmail(input({to: ['Desk <desk@example.org>', 'editor@example.org']}, config))
    const parsed = await simpleParser(eml)
    expect(parsed.replyTo?.value).toEqual([{name: 'Press Office', address: 'press@kh.emb-japan.go.jp'}])
    expect((parsed.to as {value: unknown}).value).toEqual([
      {name: 'Desk', address: 'desk@example.org'},
      {name: '', address: 'editor@example.org'}
    ])
    expect(headerFields(eml).find(([name]) => name === 'List-Unsubscribe')?.[1]).toBe('<mailto:unsubscribe@kh.emb-japan.go.jp>')
  })
})

describe('header safety', () => {
  const hostile = [
    'Grant\r\nBcc: victim@example.org',
    'Grant\nBcc: victim@example.org',
    'Grant\rBcc: victim@example.org',
    'Grant\r\n\r\n<html>body</html>',
    'Grant\u0085Bcc: x@example.org\u2028X-Evil: 1\u2029',
    '\u0000\u0007\u001b[31m\u007f',
    'ជំនួយ '.repeat(400),
    `${'A'.repeat(2000)}\r\nX-Evil: 1`
  ]

  test.each(hostile)('a headline %j adds no header and stays on one line', async (headline) => {
    const release = seed()
    release.sections.en!.headline!.text = headline
    release.sections.en!.headline!.children = [{...release.sections.en!.headline!.children[0]!, type: 'text', value: headline}]
    release.sections.km!.headline!.text = headline
    const {eml} = await composeEmail(input({release}))
    expect(headerFields(eml).map(([name]) => name)).toEqual(rootHeaders)
    const parsed = await simpleParser(eml)
    expect(parsed.headers.has('bcc')).toBe(false)
    expect(parsed.headers.has('x-evil')).toBe(false)
    const clean = headline.replace(/[\p{Cc}\p{Zl}\p{Zp}\s]+/gu, ' ').trim()
    expect(parsed.subject).toBe(`No. 10 PR-26/EoJ — ${clean} / ${clean}`.replace(/\s+/gu, ' ').trim())
  })

  test('any headline adds no header', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({unit: 'binary', maxLength: 200}), async (headline) => {
        const release = seed()
        release.sections.en!.headline!.text = headline
        const {eml} = await composeEmail(input({release}))
        expect(headerFields(eml).map(([name]) => name)).toEqual(rootHeaders)
      }),
      {numRuns: 40}
    )
  })

  const badAddresses = [
    'Evil\r\nBcc: victim@example.org <press@example.org>',
    'press@example.org\nBcc: victim@example.org',
    'press@example.org\r',
    'press@example.org, victim@example.org',
    'Press <press@example.org>, victim@example.org',
    'press@example.org victim@example.org',
    'press.example.org',
    'press@',
    '@example.org',
    'press@localhost',
    'press@exa mple.org',
    'pr ess@example.org',
    '"quoted local"@example.org',
    'press..office@example.org',
    'pressé@example.org',
    'press@[127.0.0.1]',
    'press@-example.org',
    `${'a'.repeat(65)}@example.org`,
    ''
  ]

  test.each(badAddresses)('the address %j is an error, in email.from, email.to, email.replyTo and --to', async (address) => {
    for (const key of ['from', 'to', 'replyTo'] as const) {
      const config = projectConfig()
      config.email = {...config.email, [key]: key === 'to' ? [address] : address}
      await expect(composeEmail(input({}, config)), key).rejects.toThrow(EmailConfigError)
    }
    await expect(composeEmail(input({to: [address]}))).rejects.toThrow(EmailConfigError)
  })

  test('an error in the config names where it is written', async () => {
    const config = projectConfig()
    config.email = {...config.email, from: 'Embassy <info.jpn@pp.mofa.go.jp>\nBcc: x@example.org'}
    await expect(composeEmail(input({}, config))).rejects.toThrow(/^pressroom\.yaml:\d+:\d+: `email\.from`: .*line break/u)
  })

  test('names may hold anything printable: quotes, commas, non-ASCII, great length', async () => {
    const names = ['"Embassy, of Japan" <a@example.org>', 'ស្ថានទូតជប៉ុនប្រចាំកម្ពុជា <b@example.org>', `${'Embassy '.repeat(40)}<c@example.org>`, 'Ünïcödé <d@bücher.example>']
    const {eml} = await composeEmail(input({to: names}))
    expect(headerFields(eml).map(([name]) => name)).toEqual(rootHeaders)
    const parsed = await simpleParser(eml)
    expect((parsed.to as {value: Array<{name: string; address: string}>}).value).toEqual([
      {name: 'Embassy, of Japan', address: 'a@example.org'},
      {name: 'ស្ថានទូតជប៉ុនប្រចាំកម្ពុជា', address: 'b@example.org'},
      {name: 'Embassy '.repeat(40).trim(), address: 'c@example.org'},
      {name: 'Ünïcödé', address: 'd@bücher.example'}
    ])
    // On the wire the domain is ASCII (an A-label), which every server reads.
    expect(headerFields(eml).find(([name]) => name === 'To')![1]).toContain('<d@xn--bcher-kva.example>')
  })

  test.each(['mailto:a@example.org\r\nBcc: x@example.org', 'https://example.org/un subscribe', 'javascript:alert(1)', '<mailto:a@example.org> junk', 'https://exämple.org/'])(
    'List-Unsubscribe %j is an error',
    async (value) => {
      const config = projectConfig()
      config.email = {...config.email, listUnsubscribe: value}
      await expect(composeEmail(input({}, config))).rejects.toThrow(EmailConfigError)
    }
  )
})

function textPart(eml: Buffer): string {
  const text = eml.toString('latin1')
  const start = text.indexOf('Content-Type: text/plain')
  const body = text.slice(text.indexOf('\r\n\r\n', start) + 4, text.indexOf('\r\n--=_pressroom', start))
  return Buffer.from(body.replace(/\r\n/gu, ''), 'base64').toString('utf8')
}
