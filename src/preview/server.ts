import {existsSync, watch, type FSWatcher} from 'node:fs'
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import {networkInterfaces} from 'node:os'
import path from 'node:path'
import type {CheckEntry} from '../check/index.js'
import {UsageError} from '../diagnostic/usage.js'
import {checkProject} from '../project/check.js'
import {loadProject, resolveReleasePaths, type Project} from '../project/load.js'
import {releaseIdentity} from '../release/identity.js'
import {loadPreviewAssets} from './assets.js'
import {createPreviewMemory} from './memory.js'
import {renderPreview, renderPreviewList, renderPreviewNotice, type PreviewAssets, type PreviewOptions} from './render-preview.js'

export interface PreviewServerOptions {
  /** The project's `pressroom.yaml`; without it, the one `findConfig` finds. */
  configPath?: string
  /** A release to open at `/` (a path as given on the command line). */
  file?: string
  /** 0 picks any free port. */
  port: number
  host: string
  /** Quiet time after the last change before checking again; editors write a file in several steps. */
  debounceMs?: number
  /** The clock, for embargo status lines. */
  now?: () => Date
  /** Progress lines (re-checks, problems). */
  log?: (line: string) => void
}

export interface PreviewServer {
  /** `http://127.0.0.1:PORT/`. */
  url: string
  /** Bumped by every re-check; pages reload when it differs from theirs. */
  version(): number
  /** Re-checks now, as a change would. */
  refresh(): Promise<void>
  close(): Promise<void>
}

interface State {
  version: number
  project: Project | null
  /** Pages by name (`2026-010`). */
  pages: Map<string, CheckEntry>
  assets: PreviewAssets | null
  /** Why nothing can be previewed (the config has errors). */
  problem: {title: string; lines: string[]} | null
}

/**
 * Serves the previews of every release (drafts included) and re-checks when
 * a release, the config, the glossary or a template changes, telling open
 * pages to reload through server-sent events. A broken release shows its
 * diagnostics; a broken config shows its errors; neither stops the server.
 */
export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const log = options.log ?? (() => {})
  const now = options.now ?? (() => new Date())
  const debounceMs = options.debounceMs ?? 150
  // Config and path problems at start are usage errors, as for `check`.
  const first = await loadProject(options.configPath)
  const root = first.root
  const configName = path.basename(first.configPath)
  const startPath = options.file ? (await resolveReleasePaths(root, [options.file]))[0] : undefined
  if (options.file && !startPath?.endsWith('.md')) throw new UsageError(`${options.file} is not a release file (releases/YYYY/NNN-slug.md)`)

  const state: State = {version: 0, project: null, pages: new Map(), assets: null, problem: null}
  const clients = new Set<ServerResponse>()
  const memory = createPreviewMemory(log)

  const check = async () => {
    try {
      const project = await loadProject(first.configPath)
      const result = await checkProject(project, [], {memory: await memory.previous(project.root)})
      const entries = result.entries
      memory.set(result.memory, project.config)
      state.assets = await loadPreviewAssets(project.root, project.config)
      state.project = project
      state.pages = pageNames(entries, project, state.pages)
      state.problem = null
      const messages = entries.flatMap((entry) => entry.file.messages)
      log(
        `checked ${entries.length} release${entries.length === 1 ? '' : 's'}: ${messages.filter((m) => m.fatal === true).length} errors, ${messages.filter((m) => m.fatal === false).length} warnings`
      )
    } catch (error) {
      const lines =
        error instanceof UsageError
          ? [...error.files.flatMap((file) => file.messages.map((m) => `${file.path}:${m.line ?? 1}:${m.column ?? 1}: ${m.reason}`)), error.message]
          : [error instanceof Error ? error.message : String(error)]
      state.problem = {title: 'Nothing to preview: the project has errors', lines}
      log(lines.join('\n'))
    }
    state.version++
    for (const client of clients) client.write(`event: version\ndata: ${state.version}\n\n`)
  }

  // Re-checks run one at a time; changes during a run cause one more run.
  let running: Promise<void> | null = null
  let again = false
  const refresh = async (): Promise<void> => {
    if (running) {
      again = true
      return running
    }
    running = (async () => {
      do {
        again = false
        await check()
        ensureWatchers()
      } while (again)
    })().finally(() => {
      running = null
    })
    return running
  }

  let timer: NodeJS.Timeout | null = null
  const schedule = () => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = null
      void refresh()
    }, debounceMs)
  }

  const watchers = new Map<string, FSWatcher>()
  const watchFolder = (folder: string, recursive: boolean, wanted: (name: string) => boolean) => {
    if (watchers.has(folder) || !existsSync(folder)) return
    try {
      const watcher = watch(folder, {recursive}, (_event, name) => {
        if (name === null || wanted(String(name))) schedule()
      })
      watcher.on('error', () => {
        watcher.close()
        watchers.delete(folder)
        schedule()
      })
      watchers.set(folder, watcher)
    } catch {
      // The folder went away between the check and the watch; the next re-check tries again.
    }
  }
  function ensureWatchers() {
    watchFolder(root, false, (name) => name === configName || name === 'glossary.yaml' || name === 'releases' || name === 'templates')
    watchFolder(path.join(root, 'releases'), true, (name) => name.endsWith('.md') || !path.extname(name))
    watchFolder(path.join(root, 'templates', 'site'), false, () => true)
  }

  await refresh()

  const pageOptions = (): PreviewOptions => ({
    assets: state.assets!,
    now: now(),
    live: {events: '/events', version: String(state.version)},
    home: '/'
  })
  const send = (response: ServerResponse, status: number, html: string) => {
    response.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff'
    })
    response.end(html)
  }
  const notice = (response: ServerResponse, status: number, title: string, lines: string[]) => {
    if (!state.assets) {
      response.writeHead(status, {'content-type': 'text/plain; charset=utf-8'})
      response.end(`${title}\n\n${lines.join('\n')}\n`)
      return
    }
    send(response, status, renderPreviewNotice(title, lines, pageOptions()))
  }

  // Set once the server listens and its port is known.
  let ownHosts = new Set<string>()
  let ownOrigins = new Set<string>()
  let url = ''
  const plain = (response: ServerResponse, status: number, text: string) => {
    response.writeHead(status, {'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store'}).end(`${text}\n`)
  }

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    // Another name that resolves to this machine (DNS rebinding) must not read the previews.
    if (!ownHosts.has((request.headers.host ?? '').toLowerCase())) {
      plain(response, 421, `This is pressroom's preview; open it as ${url}`)
      return
    }
    const target = parseTarget(request.url ?? '/')
    if (!target) {
      plain(response, 400, `Not a valid address: ${JSON.stringify(request.url)}`)
      return
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, {allow: 'GET, HEAD'}).end()
      return
    }
    if (target === '/events') {
      // A page of another site may not listen in either.
      const origin = request.headers.origin
      if (origin !== undefined && !ownOrigins.has(origin.toLowerCase())) {
        plain(response, 403, 'The event stream is for the preview’s own pages')
        return
      }
      response.writeHead(200, {'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive'})
      response.write(`retry: 1000\nevent: version\ndata: ${state.version}\n\n`)
      clients.add(response)
      request.on('close', () => clients.delete(response))
      return
    }
    if (target === '/favicon.ico') {
      response.writeHead(204).end()
      return
    }
    if (state.problem || !state.project) {
      const problem = state.problem ?? {title: 'Nothing to preview yet', lines: []}
      notice(response, 503, problem.title, problem.lines)
      return
    }
    const project = state.project
    if (target === '/' || target === '/index.html') {
      const start = startPath ? [...state.pages].find(([, entry]) => entry.release.path === startPath)?.[0] : undefined
      if (target === '/' && start) {
        response.writeHead(302, {location: `/${start}.html`}).end()
        return
      }
      const items = [...state.pages].map(([name, entry]) => ({name, entry}))
      send(response, 200, renderPreviewList(items, project.config, pageOptions()))
      return
    }
    const name = /^\/([^/]+)\.html$/.exec(target)?.[1]
    const entry = name ? state.pages.get(name) : undefined
    if (!entry) {
      notice(response, 404, `No release at ${target}`, ['The release may have been renamed or removed; see the list of releases.'])
      return
    }
    send(response, 200, renderPreview(entry, project.config, {...pageOptions(), suggestions: memory.suggestionsFor(entry, state.pages)}))
  }

  const server = createServer((request, response) => {
    try {
      handle(request, response)
    } catch (error) {
      // A bug in rendering one page must not take the server down.
      log(`cannot render ${request.url}: ${error instanceof Error ? error.stack : String(error)}`)
      if (!response.headersSent) notice(response, 500, `Cannot render ${request.url}`, [error instanceof Error ? error.message : String(error)])
      else response.end()
    }
  })
  const heartbeat = setInterval(() => {
    for (const client of clients) client.write(': keep-alive\n\n')
  }, 20_000)
  heartbeat.unref()

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      server.off('error', reject)
      resolve()
    })
  }).catch((error: NodeJS.ErrnoException) => {
    for (const watcher of watchers.values()) watcher.close()
    throw error.code === 'EADDRINUSE'
      ? new UsageError(`port ${options.port} on ${options.host} is in use; pass another --port (0 picks a free one)`)
      : error
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  url = `http://${host}:${address.port}/`
  ownHosts = hostsOf(options.host, address)
  ownOrigins = new Set([...ownHosts].filter((name) => name.includes(':') && !name.endsWith(']')).map((name) => `http://${name}`))

  let closing: Promise<void> | null = null
  return {
    url,
    version: () => state.version,
    refresh,
    close() {
      closing ??= (async () => {
        if (timer) clearTimeout(timer)
        clearInterval(heartbeat)
        for (const watcher of watchers.values()) watcher.close()
        watchers.clear()
        for (const client of clients) client.end()
        clients.clear()
        await running
        await new Promise<void>((resolve) => {
          server.close(() => resolve())
          server.closeAllConnections()
        })
      })()
      return closing
    }
  }
}

/**
 * The `Host` values a browser sends for this server: its port with
 * 127.0.0.1, localhost, [::1] and the address it was told to listen on (each
 * of the machine's addresses when that is all of them); the bare name too
 * on port 80, which browsers leave out.
 */
function hostsOf(listen: string, address: AddressInfo): Set<string> {
  const bracket = (name: string) => (name.includes(':') ? `[${name}]` : name)
  const names = new Set(['127.0.0.1', 'localhost', '[::1]', bracket(listen.replace(/^\[|\]$/g, '')), bracket(address.address)])
  if (['0.0.0.0', '::', ''].includes(address.address)) {
    for (const entries of Object.values(networkInterfaces())) for (const entry of entries ?? []) names.add(bracket(entry.address))
  }
  const hosts = new Set<string>()
  for (const name of names) {
    hosts.add(`${name.toLowerCase()}:${address.port}`)
    if (address.port === 80) hosts.add(name.toLowerCase())
  }
  return hosts
}

/** The path of a request, percent-decoded; null when it cannot be read (a malformed %-sequence). */
function parseTarget(requestUrl: string): string | null {
  try {
    return decodeURIComponent(new URL(requestUrl, 'http://localhost').pathname)
  } catch {
    return null
  }
}

/**
 * Page names: the release's id (`2026-010`), or its file name when the id is
 * missing or shared. A release keeps the name it had, so the page being
 * watched stays put while its reference or date is being edited.
 */
function pageNames(entries: readonly CheckEntry[], project: Project, previous: ReadonlyMap<string, CheckEntry>): Map<string, CheckEntry> {
  const ids = entries.map((entry) => releaseIdentity(entry.release, project.config)?.id ?? null)
  const counts = new Map<string, number>()
  for (const id of ids) if (id) counts.set(id, (counts.get(id) ?? 0) + 1)
  const before = new Map([...previous].map(([name, entry]) => [entry.release.path, name]))
  const pages = new Map<string, CheckEntry>()
  const wanted = entries.map((entry, i) => {
    const id = ids[i]
    const fallback = entry.release.path.replace(/^releases\//, '').replace(/\.md$/, '').replace(/[^A-Za-z0-9._-]+/g, '-')
    return {entry, name: before.get(entry.release.path) ?? (id && counts.get(id) === 1 ? id : fallback)}
  })
  // Releases that had a name first, so a new file cannot take it.
  wanted.sort((a, b) => Number(!before.has(a.entry.release.path)) - Number(!before.has(b.entry.release.path)))
  for (const {entry, name: wantedName} of wanted) {
    let name = wantedName
    while (pages.has(name)) name = `${name}-`
    pages.set(name, entry)
  }
  return pages
}
