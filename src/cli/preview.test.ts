import {spawn} from 'node:child_process'
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {request} from 'node:http'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {describe, expect, it} from 'vitest'
import {UsageError} from '../diagnostic/usage.js'
import {startPreviewServer} from '../preview/server.js'
import {readRepoFile, repoRoot, seedPath} from '../test/project.js'

/** A throwaway project: the repository's config and glossary, and the seed. */
function project(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pressroom-preview-'))
  for (const file of ['pressroom.yaml', 'glossary.yaml']) writeFileSync(path.join(dir, file), readRepoFile(file))
  mkdirSync(path.join(dir, 'releases/2026'), {recursive: true})
  writeFileSync(path.join(dir, seedPath), readRepoFile(seedPath))
  return dir
}

function get(url: string, headers: Record<string, string> = {}): Promise<{status: number; headers: Record<string, unknown>; body: string}> {
  return new Promise((resolve, reject) => {
    request(url, {headers}, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        body += chunk
        // An event stream never ends: the first event is enough.
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

/**
 * Runs the `preview` command the way the CLI registers it, in its own
 * process, so that it can be sent real signals.
 */
function runPreview(cwd: string, ...args: string[]) {
  const driver = path.join(cwd, 'preview-driver.mjs')
  writeFileSync(
    driver,
    [
      `import {Command} from ${JSON.stringify(pathToFileURL(path.join(repoRoot, 'node_modules/commander/index.js')).href)}`,
      `import {registerPreview} from ${JSON.stringify(pathToFileURL(path.join(repoRoot, 'dist/cli/preview.js')).href)}`,
      "const program = new Command().option('-c, --config <file>', 'the project config', 'pressroom.yaml')",
      'registerPreview(program)',
      'await program.parseAsync(process.argv)'
    ].join('\n')
  )
  const child = spawn(process.execPath, [driver, 'preview', ...args], {cwd, stdio: ['ignore', 'pipe', 'pipe']})
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const found = /^(http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(stdout)
      if (found) resolve(found[1]!)
    })
    child.on('exit', () => reject(new Error(`preview exited early: ${stderr}`)))
  })
  // Tests that expect an early exit never wait for the URL.
  url.catch(() => {})
  const exit = new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve) => child.on('exit', (code, signal) => resolve({code, signal})))
  return {child, url, exit, output: () => ({stdout, stderr})}
}

describe('pressroom preview', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`serves on 127.0.0.1, prints the URL and stops cleanly on ${signal}`, async () => {
      const dir = project()
      const run = runPreview(dir, seedPath, '--port', '0')
      const url = await run.url
      const start = await get(url)
      expect(start.status).toBe(302)
      expect(start.headers.location).toBe('/2026-010.html')
      const page = await get(new URL('/2026-010.html', url).href)
      expect(page.status).toBe(200)
      expect(page.body).toContain('data-live-events="/events"')
      const events = await get(new URL('/events', url).href)
      expect(events.headers['content-type']).toBe('text/event-stream; charset=utf-8')
      expect(events.body).toMatch(/event: version\ndata: 1\n/)
      run.child.kill(signal)
      const stopped = await run.exit
      expect(stopped).toEqual({code: 0, signal: null})
      expect(run.output().stderr).toContain('preview stopped')
    })
  }

  it('rejects a port that is not a number', async () => {
    const run = runPreview(project(), '--port', 'eighty')
    const {code} = await run.exit
    expect(code).not.toBe(0)
    expect(run.output().stderr).toContain('a port is a number from 0 to 65535')
  })
})

describe('the preview server', () => {
  it('lists every release, drafts included, and answers unknown pages with 404', async () => {
    const dir = project()
    writeFileSync(
      path.join(dir, 'releases/2026/011-draft.md'),
      readRepoFile(seedPath).toString('utf8').replace('ref: No. 10 PR-26/EoJ', 'ref: No. 11 PR-26/EoJ\ndraft: true')
    )
    const server = await startPreviewServer({configPath: path.join(dir, 'pressroom.yaml'), port: 0, host: '127.0.0.1'})
    try {
      const list = await get(server.url)
      expect(list.status).toBe(200)
      expect(list.body).toContain('href="2026-010.html"')
      expect(list.body).toContain('href="2026-011.html"')
      expect(list.body).toContain('Draft: not published')
      expect((await get(new URL('/2026-011.html', server.url).href)).status).toBe(200)
      expect((await get(new URL('/nothing.html', server.url).href)).status).toBe(404)
      expect((await get(new URL('/../../etc/passwd', server.url).href)).status).toBe(404)
    } finally {
      await server.close()
    }
  })

  it('refuses a busy port and a path that is not a release', async () => {
    const dir = project()
    const first = await startPreviewServer({configPath: path.join(dir, 'pressroom.yaml'), port: 0, host: '127.0.0.1'})
    try {
      const port = Number(new URL(first.url).port)
      await expect(startPreviewServer({configPath: path.join(dir, 'pressroom.yaml'), port, host: '127.0.0.1'})).rejects.toThrow(UsageError)
      await expect(
        startPreviewServer({configPath: path.join(dir, 'pressroom.yaml'), file: path.join(dir, 'releases/2026/404.md'), port: 0, host: '127.0.0.1'})
      ).rejects.toThrow(/no such file/)
    } finally {
      await first.close()
    }
  })

  it('re-checks when the glossary changes', async () => {
    const dir = project()
    const server = await startPreviewServer({configPath: path.join(dir, 'pressroom.yaml'), port: 0, host: '127.0.0.1', debounceMs: 20})
    try {
      const version = server.version()
      writeFileSync(path.join(dir, 'glossary.yaml'), `${readRepoFile('glossary.yaml').toString('utf8')}\n# edited\n`)
      const deadline = Date.now() + 10_000
      while (server.version() === version && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
      expect(server.version()).toBeGreaterThan(version)
    } finally {
      await server.close()
    }
  })
})
