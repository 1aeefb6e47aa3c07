import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {request} from 'node:http'
import {connect} from 'node:net'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {readRepoFile, seedPath} from '../test/project.js'
import {startPreviewServer, type PreviewServer} from './server.js'

/**
 * The preview serves embargoed text: only a browser that asked for the
 * preview by its own address may read it (no DNS rebinding through another
 * host name), and no request makes it fail.
 */

interface Answer {
  status: number
  headers: Record<string, unknown>
  body: string
}

/** One real HTTP request to the server, with the Host and other headers as given; an event stream is cut after its first event. */
function get(server: PreviewServer, target: string, headers: Record<string, string> = {}): Promise<Answer> {
  const {hostname, port} = new URL(server.url)
  return new Promise((resolve, reject) => {
    request({host: hostname.replace(/^\[|\]$/g, ''), port, path: target, headers}, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        body += chunk
        if (response.headers['content-type']?.startsWith('text/event-stream') && body.includes('\n\n')) {
          response.destroy()
          resolve({status: response.statusCode!, headers: response.headers, body})
        }
      })
      response.on('end', () => resolve({status: response.statusCode!, headers: response.headers, body}))
    })
      .on('error', reject)
      .end()
  })
}

let dir: string
let server: PreviewServer
let port: string

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pressroom-preview-host-'))
  for (const file of ['pressroom.yaml', 'glossary.yaml']) writeFileSync(path.join(dir, file), readRepoFile(file))
  mkdirSync(path.join(dir, 'releases/2026'), {recursive: true})
  writeFileSync(
    path.join(dir, seedPath),
    readRepoFile(seedPath).toString('utf8').replace('date: 2026-02-18', 'date: 2026-02-18\nembargo: 2099-02-18T10:00:00+07:00')
  )
  server = await startPreviewServer({configPath: path.join(dir, 'pressroom.yaml'), port: 0, host: '127.0.0.1'})
  port = new URL(server.url).port
})

afterAll(async () => {
  await server?.close()
})

describe('the preview server and the Host it is asked by', () => {
  for (const host of ['127.0.0.1', 'localhost', 'LOCALHOST', '[::1]']) {
    it(`answers ${host}:PORT`, async () => {
      const page = await get(server, '/2026-010.html', {host: `${host}:${port}`})
      expect(page.status).toBe(200)
      expect(page.body).toContain('Japan Provides')
    })
  }

  for (const host of ['attacker.example:PORT', 'attacker.example', '127.0.0.1.attacker.example:PORT', 'localhost.:PORT', '127.0.0.1:1', '127.0.0.1', 'user@127.0.0.1:PORT']) {
    it(`answers ${JSON.stringify(host)} with 421 and none of the text`, async () => {
      for (const target of ['/', '/2026-010.html', '/events', '/favicon.ico']) {
        const answer = await get(server, target, {host: host.replace('PORT', port)})
        expect(answer.status, target).toBe(421)
        expect(answer.body).not.toContain('Japan')
        expect(answer.body).not.toContain('data:')
      }
    })
  }

  it('answers a request without Host (HTTP/1.0) with 421', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      let text = ''
      const socket = connect(Number(port), '127.0.0.1', () => socket.end('GET /2026-010.html HTTP/1.0\r\n\r\n'))
      socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk))
      socket.on('end', () => resolve(text)).on('error', reject)
    })
    expect(reply).toMatch(/^HTTP\/1\.1 421 /)
    expect(reply).not.toContain('Japan')
  })

  it('opens the event stream to its own pages only', async () => {
    const own = await get(server, '/events', {host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}`})
    expect(own.status).toBe(200)
    expect(own.body).toMatch(/^retry: 1000\nevent: version\ndata: \d+\n/)
    expect((await get(server, '/events', {host: `localhost:${port}`, origin: `http://localhost:${port}`})).status).toBe(200)
    // No Origin at all: not a page of another site.
    expect((await get(server, '/events', {host: `127.0.0.1:${port}`})).status).toBe(200)
    for (const origin of ['http://attacker.example:8040', `http://attacker.example:${port}`, 'null', `https://127.0.0.1:${port}`, `http://127.0.0.1:${Number(port) + 1}`]) {
      const answer = await get(server, '/events', {host: `127.0.0.1:${port}`, origin})
      expect(answer.status, origin).toBe(403)
      expect(answer.headers['content-type']).not.toMatch(/event-stream/)
    }
  })

  it('names the host it listens on (--host) as its own', async () => {
    const other = await startPreviewServer({configPath: path.join(dir, 'pressroom.yaml'), port: 0, host: 'localhost'})
    try {
      const otherPort = new URL(other.url).port
      expect((await get(other, '/2026-010.html', {host: `localhost:${otherPort}`})).status).toBe(200)
      expect((await get(other, '/2026-010.html', {host: `evil.example:${otherPort}`})).status).toBe(421)
    } finally {
      await other.close()
    }
  })
})

describe('the preview server and malformed requests', () => {
  for (const target of ['/%E0%A4%A.html', '/%.html', '/%zz', '/%C0%AF.html', '/%ED%A0%80.html']) {
    it(`answers ${target} with 400, not an error`, async () => {
      const answer = await get(server, target, {host: `127.0.0.1:${port}`})
      expect(answer.status).toBe(400)
      expect(answer.body).not.toMatch(/URIError|at \w+ \(/)
    })
  }
})
