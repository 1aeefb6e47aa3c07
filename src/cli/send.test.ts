import {mkdir, mkdtemp, readFile, rm, symlink, writeFile} from 'node:fs/promises'
import {createServer, type AddressInfo, type Server, type Socket} from 'node:net'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {Command} from 'commander'
import {simpleParser} from 'mailparser'
import {SMTPServer} from 'smtp-server'
import {afterAll, afterEach, beforeAll, describe, expect, test} from 'vitest'
import {rules} from '../check/rules/index.js'
import {parseConfig} from '../config/parse.js'
import {releaseIdentity} from '../release/identity.js'
import {parseRelease} from '../release/parse.js'
import type {RenderContext, Renderer} from '../render/renderer.js'
import {createEmailRenderer} from '../render/email/index.js'
import {readRepoFile, repoRoot, seedPath} from '../test/project.js'
import {registerSend, type SendIo} from './send.js'

const seedText = readRepoFile(seedPath).toString('utf8')
// Small PDF bytes: send attaches whatever the build made.
const builtPdf = Buffer.from('%PDF-1.7\n% pressroom test\n%%EOF\n')

interface Received {
  from: string
  to: string[]
  data: Buffer
}

/** A project folder with the seed release; every rule is a warning, so that only the reader's errors stop a send. */
async function makeProject(options: {release?: string; email?: string} = {}): Promise<{root: string; config: string; out: string}> {
  const root = await mkdtemp(path.join(tmpdir(), 'pressroom-send-'))
  folders.push(root)
  const base = readRepoFile('pressroom.yaml').toString('utf8').replace(/\nemail:\n(?: {2}.*\n| {4}.*\n)*/u, '\n')
  const email = options.email ?? 'email:\n  from: Embassy of Japan in Cambodia <info.jpn@pp.mofa.go.jp>\n  to:\n    - press@example.org\n    - Desk <desk@example.org>\n'
  const ruleLines = rules.map((rule) => `  ${rule.id}: warn`).join('\n')
  const config = `${base.replace(/\nrules:\n(?: {2}.*\n)*/u, '\n')}${email}rules:\n${ruleLines}\n`
  await writeFile(path.join(root, 'pressroom.yaml'), config)
  await writeFile(path.join(root, 'glossary.yaml'), readRepoFile('glossary.yaml'))
  // The fonts and templates the PDF renderer (when there is one) reads.
  for (const folder of ['fonts', 'templates']) await symlink(path.join(repoRoot, folder), path.join(root, folder))
  await mkdir(path.join(root, 'releases/2026'), {recursive: true})
  await writeFile(path.join(root, seedPath), options.release ?? seedText)
  const out = path.join(root, 'out')
  await mkdir(path.join(out, 'pdf'), {recursive: true})
  await writeFile(path.join(out, 'pdf/2026-010.pdf'), builtPdf)
  return {root, config: path.join(root, 'pressroom.yaml'), out}
}

/** Runs `pressroom --config … send ARGS` in-process, as main.ts will register it. */
async function runCli(config: string, args: string[], env: Record<string, string | undefined> = {}) {
  let stdout = ''
  let stderr = ''
  let code = 0
  const io: SendIo = {
    stdout: {write: (text: string) => (stdout += text)},
    stderr: {write: (text: string) => (stderr += text)},
    env,
    now: () => new Date('2026-03-01T00:00:00Z'),
    color: false,
    setExitCode: (value) => (code = value)
  }
  const program = new Command().option('-c, --config <file>', 'the project config', 'pressroom.yaml').exitOverride()
  registerSend(program, io)
  try {
    await program.parseAsync(['--config', config, 'send', ...args], {from: 'user'})
  } catch (error) {
    code = 2
    stderr += String(error)
  }
  return {code, stdout, stderr}
}

/** A real SMTP server on 127.0.0.1 that keeps what it receives; `refuse` names recipients it answers 550. */
async function startServer(refuse: string[] = []): Promise<{url: string; received: Received[]; server: SMTPServer}> {
  const received: Received[] = []
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _transaction, callback) {
      if (refuse.includes(address.address)) {
        const error = new Error(`5.1.1 <${address.address}>: Recipient address rejected`) as Error & {responseCode: number}
        error.responseCode = 550
        return callback(error)
      }
      callback()
    },
    onData(stream, {envelope}, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        received.push({
          from: envelope.mailFrom ? envelope.mailFrom.address : '',
          to: envelope.rcptTo.map((rcpt) => rcpt.address),
          data: Buffer.concat(chunks)
        })
        callback(null, 'Queued as TEST')
      })
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  servers.push(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return {url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`, received, server}
}

/**
 * A server that takes the whole message, then drops the connection instead
 * of answering it: the sender cannot know whether it was delivered.
 */
async function startDroppingServer(): Promise<{url: string; messages: () => number}> {
  let messages = 0
  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    let buffer = ''
    let inData = false
    socket.write('220 test.example ESMTP\r\n')
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1')
      if (inData) {
        if (buffer.includes('\r\n.\r\n')) {
          messages++
          socket.destroy()
        }
        return
      }
      let end: number
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const verb = line.slice(0, 4).toUpperCase()
        if (verb === 'EHLO') socket.write('250-test.example\r\n250 8BITMIME\r\n')
        else if (verb === 'DATA') {
          inData = true
          socket.write('354 go ahead\r\n')
        } else if (verb === 'QUIT') socket.end('221 bye\r\n')
        else socket.write('250 OK\r\n')
      }
    })
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  servers.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  )
  return {url: `smtp://127.0.0.1:${(server.address() as AddressInfo).port}`, messages: () => messages}
}

/**
 * A hostile server: at one stage of the dialogue it answers with
 * continuation lines (`220-`, `250-`) without end, so the connection is
 * never idle and never finishes.
 */
async function startEndlessServer(stage: 'greeting' | 'ehlo' | 'data'): Promise<{url: string; lines: () => number}> {
  let lines = 0
  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    let timer: NodeJS.Timeout | undefined
    const flood = (code: string) => {
      timer = setInterval(() => {
        lines++
        socket.write(`${code}-still here\r\n`)
      }, 5)
    }
    socket.on('close', () => {
      clearInterval(timer)
      sockets.delete(socket)
    })
    socket.on('error', () => {})
    if (stage === 'greeting') return flood('220')
    socket.write('220 test.example ESMTP\r\n')
    let buffer = ''
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1')
      let end: number
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const verb = buffer.slice(0, 4).toUpperCase()
        buffer = buffer.slice(end + 2)
        if (verb === 'EHLO') {
          if (stage === 'ehlo') flood('250')
          else socket.write('250-test.example\r\n250 8BITMIME\r\n')
        } else if (verb === 'DATA') {
          socket.write('354 go ahead\r\n')
        } else if (buffer === '' && stage === 'data' && verb !== 'MAIL' && verb !== 'RCPT') {
          // The end of the message's data (a line with one dot).
          flood('250')
        } else if (verb === 'MAIL' || verb === 'RCPT') socket.write('250 OK\r\n')
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  servers.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  )
  return {url: `smtp://127.0.0.1:${(server.address() as AddressInfo).port}`, lines: () => lines}
}

/** The header block as [name, unfolded value] pairs, in order. */
function headerBlock(eml: Buffer): Array<[string, string]> {
  const text = eml.toString('latin1')
  return text
    .slice(0, text.indexOf('\r\n\r\n'))
    .replace(/\r\n[ \t]/gu, ' ')
    .split('\r\n')
    .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()] as [string, string])
}

const folders: string[] = []
const servers: Array<() => Promise<void>> = []
afterEach(async () => {
  while (servers.length > 0) await servers.pop()!()
})
afterAll(async () => {
  for (const folder of folders) await rm(folder, {recursive: true, force: true})
})

/** The PDF renderer when pressroom has one; then send attaches what it renders, not the built file. */
let pdfRenderer: (() => Renderer) | null = null
beforeAll(async () => {
  const specifier: string = '../render/pdf/index.js'
  pdfRenderer = await import(specifier).then((module: {createPdfRenderer?: () => Renderer}) => module.createPdfRenderer ?? null).catch(() => null)
})

/** The .eml the build writes for the project's seed release, with the PDF send attaches. */
async function builtEmail(project: {root: string; config: string}): Promise<Buffer> {
  const {config, file} = parseConfig('pressroom.yaml', project.root, await readFile(project.config, 'utf8'), rules.map((rule) => rule.id))
  if (!config) throw new Error(String(file.messages))
  const {release} = parseRelease(seedPath, readRepoFile(seedPath))
  const identity = releaseIdentity(release, config)!
  // The generator is stamped into the PDF: the one send uses.
  const version = JSON.parse(readRepoFile('package.json').toString('utf8')).version as string
  const context: RenderContext = {config, root: project.root, now: new Date('2026-03-01T00:00:00Z'), generator: `pressroom ${version}`}
  let files = [{path: 'pdf/2026-010.pdf', data: new Uint8Array(builtPdf)}]
  if (pdfRenderer) {
    const renderer = pdfRenderer()
    await renderer.prepare?.(context)
    files = (await renderer.renderRelease({release, identity, source: '', published: true, messages: [], files: []}, context)).files as typeof files
  }
  const result = await createEmailRenderer().renderRelease({release, identity, source: '', published: true, messages: [], files}, context)
  return Buffer.from(result.files[0]!.data as Uint8Array)
}

describe('pressroom send', () => {
  test('without --yes prints what it would send and sends nothing', async () => {
    const project = await makeProject()
    const {url, received} = await startServer()
    const result = await runCli(project.config, ['2026-010', '--smtp', url, '--out', project.out])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('To:         each recipient alone, one copy each: press@example.org, Desk <desk@example.org>')
    expect(result.stdout).toContain('Date:       the time each copy is sent (the built file has Wed, 18 Feb 2026 12:00:00 +0000)')
    expect(result.stdout).toContain('Timeout:    60 seconds per recipient')
    expect(result.stdout).toContain('Subject:    No. 10 PR-26/EoJ — Japan Provides US$1,000,000')
    expect(result.stdout).toMatch(/Attachment: 2026-010\.pdf \(\d+ bytes/u)
    expect(result.stdout).toContain(`Server:     ${url}`)
    expect(result.stderr).toContain('dry run, nothing was sent; add --yes to send')
    expect(received).toEqual([])
  })

  test('with --yes delivers the built message to each recipient and reports each', async () => {
    const project = await makeProject()
    const {url, received} = await startServer()
    const result = await runCli(project.config, [path.join(project.root, seedPath), '--yes', '--out', project.out], {SMTP_URL: url})
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^sent {5}press@example\.org: 250 .*Queued as TEST$/mu)
    expect(result.stdout).toMatch(/^sent {5}Desk <desk@example\.org>: 250 /mu)
    expect(result.stderr).toContain('sent to 2 recipients')
    expect(received.map(({from, to}) => ({from, to}))).toEqual([
      {from: 'info.jpn@pp.mofa.go.jp', to: ['press@example.org']},
      {from: 'info.jpn@pp.mofa.go.jp', to: ['desk@example.org']}
    ])
    // The message the build writes, but for its To (the one recipient) and Date (when it was sent).
    const built = await builtEmail(project)
    for (const [i, message] of received.entries()) {
      expect(message.data.subarray(message.data.indexOf('\r\n\r\n')).equals(built.subarray(built.indexOf('\r\n\r\n')))).toBe(true)
      const headers = (eml: Buffer) => headerBlock(eml).filter(([name]) => name !== 'To' && name !== 'Date')
      expect(headers(message.data)).toEqual(headers(built))
      expect(headerBlock(message.data).filter(([name]) => name === 'To' || name === 'Date')).toEqual([
        ['To', ['press@example.org', 'Desk <desk@example.org>'][i]],
        ['Date', 'Sun, 1 Mar 2026 00:00:00 +0000']
      ])
    }
    expect(headerBlock(built).find(([name]) => name === 'Date')).toEqual(['Date', 'Wed, 18 Feb 2026 12:00:00 +0000'])
    const parsed = await simpleParser(received[0]!.data)
    expect(parsed.subject).toMatch(/^No\. 10 PR-26\/EoJ — Japan Provides .* \/ ជម្នះផ្តល់ថវិកា/u)
    expect(parsed.attachments).toHaveLength(1)
    if (!pdfRenderer) expect(Buffer.compare(parsed.attachments[0]!.content, builtPdf)).toBe(0)
  })

  test('--to replaces the recipients of pressroom.yaml', async () => {
    const project = await makeProject()
    const {url, received} = await startServer()
    const result = await runCli(project.config, ['2026-010', '--smtp', url, '--yes', '--out', project.out, '--to', 'editor@example.com', '--to', 'News Desk <news@example.com>'])
    expect(result.code).toBe(0)
    expect(received.map((message) => message.to)).toEqual([['editor@example.com'], ['news@example.com']])
    expect((((await simpleParser(received[0]!.data)).to) as {value: unknown}).value).toEqual([{name: '', address: 'editor@example.com'}])
    expect((((await simpleParser(received[1]!.data)).to) as {value: unknown}).value).toEqual([{name: 'News Desk', address: 'news@example.com'}])
  })

  test('no journalist’s copy shows another recipient, in any header or part', async () => {
    const project = await makeProject()
    const {url, received} = await startServer()
    const press = ['Anna Chea <anna.chea@news.example.com>', 'bopha@daily.example.org', 'Desk, Phnom Penh Post <desk@ppp.example.net>', 'kh-news@example.co.jp']
    const addresses = ['anna.chea@news.example.com', 'bopha@daily.example.org', 'desk@ppp.example.net', 'kh-news@example.co.jp']
    const result = await runCli(project.config, ['2026-010', '--smtp', url, '--yes', '--out', project.out, ...press.flatMap((to) => ['--to', to])])
    expect(result.code).toBe(0)
    expect(received.map((message) => message.to)).toEqual(addresses.map((address) => [address]))
    for (const [i, message] of received.entries()) {
      const parsed = await simpleParser(message.data)
      expect((parsed.to as {value: Array<{address: string}>}).value.map((mailbox) => mailbox.address)).toEqual([addresses[i]])
      expect(parsed.cc).toBeUndefined()
      expect(parsed.bcc).toBeUndefined()
      // Nowhere in the copy, raw or decoded: not in a header, a part or the attachment.
      const everything = [message.data.toString('latin1'), parsed.text ?? '', String(parsed.html), ...[...parsed.headers.values()].map((value) => JSON.stringify(value))].join('\n').toLowerCase()
      for (const [j, other] of addresses.entries()) {
        if (j !== i) expect(everything, `copy for ${addresses[i]}`).not.toContain(other.toLowerCase())
        if (j !== i) expect(everything).not.toContain(other.split('@')[0]!.toLowerCase())
      }
    }
  })

  test('names the release by id, short id, number of this year, reference or file', async () => {
    const project = await makeProject()
    for (const name of ['2026-010', '2026-10', '10', '010', 'No. 10 PR-26/EoJ', path.join(project.root, seedPath)]) {
      const result = await runCli(project.config, [name, '--smtp', 'smtp://127.0.0.1:1', '--out', project.out])
      expect(result.stderr, name).toContain('dry run')
      expect(result.stdout, name).toContain(`Release:    ${seedPath} (2026-010)`)
      expect(result.code, name).toBe(0)
    }
    for (const [name, message] of [
      ['11', /no release has the id 2026-011/u],
      ['2025-10', /no release has the id 2025-010/u],
      ['No. 10 PR-25/EoJ', /no release has the reference No\. 10 PR-25\/EoJ/u],
      ['No. ten', /No\. ten is not a release|no such file/u]
    ] as const) {
      const result = await runCli(project.config, [name, '--smtp', 'smtp://127.0.0.1:1', '--out', project.out])
      expect(result.stderr, name).toMatch(message)
      expect(result.code, name).toBe(2)
    }
  })

  test('a server that never stops answering is given up at the deadline, named in the report', async () => {
    const project = await makeProject()
    for (const stage of ['greeting', 'ehlo', 'data'] as const) {
      const {url, lines} = await startEndlessServer(stage)
      const result = await runCli(project.config, ['2026-010', '--smtp', url, '--yes', '--out', project.out, '--timeout', '1'])
      expect(result.code, stage).toBe(1)
      expect(result.stdout, stage).toMatch(/^failed {3}press@example\.org: the server did not finish within 1 second \(--timeout 1\); the message may or may not have arrived$/mu)
      expect(result.stdout, stage).toMatch(/^skipped {2}Desk <desk@example\.org>: not tried after the failure above$/mu)
      expect(lines(), stage).toBeGreaterThan(0)
    }
  })

  test('a refused recipient is reported as refused, the others get it, and the exit code is 1', async () => {
    const project = await makeProject()
    const {url, received} = await startServer(['press@example.org'])
    const result = await runCli(project.config, ['2026-010', '--smtp', url, '--yes', '--out', project.out])
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/^refused {2}press@example\.org: 550 5\.1\.1 <press@example\.org>: Recipient address rejected$/mu)
    expect(result.stdout).toMatch(/^sent {5}Desk <desk@example\.org>: 250 /mu)
    expect(result.stdout).not.toMatch(/^sent .*press@example\.org/mu)
    expect(result.stderr).toContain('sent to 1 of 2 recipients')
    expect(result.stderr).toContain('send again with --to press@example.org')
    expect(received.map((message) => message.to)).toEqual([['desk@example.org']])
  })

  test('a dropped connection leaves the recipient "failed", tries no more, and the exit code is 1', async () => {
    const project = await makeProject()
    const {url, messages} = await startDroppingServer()
    const result = await runCli(project.config, ['2026-010', '--smtp', url, '--yes', '--out', project.out])
    expect(result.code).toBe(1)
    expect(messages()).toBe(1)
    expect(result.stdout).toMatch(/^failed {3}press@example\.org: the connection failed before the server confirmed the message \(it may or may not have arrived\): /mu)
    expect(result.stdout).toMatch(/^skipped {2}Desk <desk@example\.org>: not tried after the failure above$/mu)
    expect(result.stdout).not.toMatch(/^sent /mu)
    expect(result.stderr).toContain('sent to 0 of 2 recipients; once the problem is fixed, send again with --to press@example.org --to desk@example.org')
  })

  test('a server that is not there: nothing sent, exit code 1', async () => {
    const project = await makeProject()
    const {url} = await startDroppingServer()
    await servers.pop()!()
    const result = await runCli(project.config, ['2026-010', '--smtp', url, '--yes', '--out', project.out])
    expect(result.code).toBe(1)
    expect(result.stdout).not.toMatch(/^sent /mu)
    expect(result.stdout).toMatch(/^failed {3}press@example\.org: /mu)
  })

  test('without a PDF it says so and sends without an attachment', async () => {
    if (pdfRenderer) return
    const project = await makeProject()
    await rm(path.join(project.out, 'pdf'), {recursive: true})
    const {url, received} = await startServer()
    const result = await runCli(project.config, ['2026-010', '--smtp', url, '--yes', '--out', project.out])
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('no PDF for 2026-010')
    expect(result.stdout).toContain('Attachment: none')
    expect((await simpleParser(received[0]!.data)).attachments).toEqual([])
  })
})

describe('pressroom send refuses', () => {
  const draft = seedText.replace('date: 2026-02-18\n', 'date: 2026-02-18\ndraft: true\n')
  const embargoed = seedText.replace('date: 2026-02-18\n', 'date: 2026-02-18\nembargo: 2026-03-10T09:00:00+07:00\n')

  test.each([
    ['no SMTP server', {}, ['2026-010'], /no SMTP server: pass --smtp URL or set SMTP_URL/u],
    ['an SMTP URL of another scheme', {}, ['2026-010', '--smtp', 'http://example.org'], /must start with smtp:\/\/ or smtps:\/\//u],
    ['a release id that does not exist', {}, ['2026-099', '--smtp', 'smtp://127.0.0.1:1'], /no release has the id 2026-099/u],
    ['a path that is not a release', {}, ['pressroom.yaml', '--smtp', 'smtp://127.0.0.1:1'], /pressroom\.yaml is not a release/u],
    ['a path that does not exist', {}, ['releases/2026/999-nothing.md', '--smtp', 'smtp://127.0.0.1:1'], /no such file or folder/u],
    ['a draft', {release: draft}, ['2026-010', '--smtp', 'smtp://127.0.0.1:1'], /is a draft; set `draft: false`/u],
    ['a release under embargo', {release: embargoed}, ['2026-010', '--smtp', 'smtp://127.0.0.1:1'], /under embargo until 2026-03-10T09:00:00\+07:00/u],
    ['an invalid --to', {}, ['2026-010', '--smtp', 'smtp://127.0.0.1:1', '--to', 'desk@example.org\r\nBcc: x@example.org'], /`--to`: .*line break/u],
    ['an invalid address in pressroom.yaml', {email: 'email:\n  from: Embassy <info.jpn@>\n  to: press@example.org\n'}, ['2026-010', '--smtp', 'smtp://127.0.0.1:1'], /pressroom\.yaml:\d+:\d+: `email\.from`/u],
    ['no recipients', {email: 'email:\n  from: info.jpn@pp.mofa.go.jp\n'}, ['2026-010', '--smtp', 'smtp://127.0.0.1:1'], /no recipients/u],
    ['an unreadable --now', {}, ['2026-010', '--smtp', 'smtp://127.0.0.1:1', '--now', 'tomorrow'], /--now tomorrow is not an ISO 8601 time/u]
  ] as const)('%s: exit code 2', async (_name, setup, args, message) => {
    const project = await makeProject(setup)
    const result = await runCli(project.config, [...args, '--yes', '--out', project.out])
    expect(result.stderr).toMatch(message)
    expect(result.code).toBe(2)
  })

  test('the embargo is checked against --now', async () => {
    const project = await makeProject({release: embargoed})
    const {url, received} = await startServer()
    const before = await runCli(project.config, ['2026-010', '--smtp', url, '--yes', '--out', project.out, '--now', '2026-03-10T08:59:59+07:00'])
    expect(before.code).toBe(2)
    const after = await runCli(project.config, ['2026-010', '--smtp', url, '--yes', '--out', project.out, '--now', '2026-03-10T09:00:00+07:00'])
    expect(after.code).toBe(0)
    expect(received).toHaveLength(2)
  })

  test('a release with errors is not sent: exit code 1, with the diagnostics', async () => {
    const project = await makeProject({release: seedText.replace('# English\n', '# English\n\n<b>raw</b>\n')})
    const {url, received} = await startServer()
    const result = await runCli(project.config, ['2026-010', '--smtp', url, '--yes', '--out', project.out])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('error')
    expect(result.stderr).toContain('has errors; fix them, then send')
    expect(received).toEqual([])
  })

  test('the password of the SMTP URL is never printed', async () => {
    const project = await makeProject()
    const result = await runCli(project.config, ['2026-010', '--smtp', 'smtp://press:s3cret@127.0.0.1:1', '--out', project.out])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Server:     smtp://press:***@127.0.0.1:1')
    expect(result.stdout + result.stderr).not.toContain('s3cret')
  })
})
