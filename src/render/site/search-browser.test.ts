/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import {existsSync, mkdtempSync, readFileSync, rmSync, statSync} from 'node:fs'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import path from 'node:path'
import type {BrowserContext, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {launchChromium} from '../../test/browser.js'
import {writeSearchSite} from '../../test/search-site.js'

/**
 * The site's search in Debian's Chromium, served over loopback under a
 * sub-folder (`/press/`, as an office's site often is): the search page's
 * script, Pagefind's WebAssembly under the page's CSP, and the results.
 */

const work = mkdtempSync(path.join(tmpdir(), 'pressroom-search-browser-'))
const siteDir = path.join(work, 'site')
let server: Server
let origin: string
let context: BrowserContext
const failures: string[] = []

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.png': 'image/png'
}

function serve(dir: string): Promise<Server> {
  const httpServer = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    if (!url.pathname.startsWith('/press/')) return void response.writeHead(404).end()
    let file = path.join(dir, decodeURIComponent(url.pathname.slice('/press'.length)))
    if (!file.startsWith(dir)) return void response.writeHead(403).end()
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html')
    if (!existsSync(file)) return void response.writeHead(404).end()
    response.writeHead(200, {'content-type': types[path.extname(file)] ?? 'application/octet-stream'})
    response.end(readFileSync(file))
  })
  return new Promise((resolve) => httpServer.listen(0, '127.0.0.1', () => resolve(httpServer)))
}

beforeAll(async () => {
  await writeSearchSite(siteDir)
  server = await serve(siteDir)
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}/press/`
  context = await launchChromium(work)
  await context.route(/^(?!http:\/\/127\.0\.0\.1[:/])/, (route) => route.abort())
})

afterAll(async () => {
  await context?.close()
  await new Promise((resolve) => server?.close(resolve))
  rmSync(work, {recursive: true, force: true})
})

async function open(url: string): Promise<Page> {
  const page = await context.newPage()
  page.on('pageerror', (error) => failures.push(String(error)))
  page.on('console', (message) => {
    if (message.type() === 'error') failures.push(message.text())
  })
  const response = await page.goto(`${origin}${url}`)
  expect(response?.status()).toBe(200)
  return page
}

/** Searches on a language's search page as a reader types; the release links found, in order. */
async function search(lang: 'en' | 'km', query: string): Promise<string[]> {
  const page = await open(`${lang}/search/?q=${encodeURIComponent(query)}`)
  try {
    await page.locator('.search-status').filter({hasNotText: /Searching|កំពុងស្វែងរក/}).waitFor({state: 'visible'})
    await page.waitForFunction(() => document.querySelector('.search-status')!.textContent !== '' && !/Searching|កំពុង/.test(document.querySelector('.search-status')!.textContent ?? ''))
    return await page.locator('.search-results a').evaluateAll((links: HTMLAnchorElement[]) => links.map((link) => new URL(link.href).pathname))
  } finally {
    await page.close()
  }
}

describe('searching the site in Chromium', () => {
  it('finds an English word in the English release that holds it', async () => {
    expect(await search('en', 'Plenipotentiary')).toEqual(['/press/en/2026/010/'])
    expect(await search('en', 'scholarship')).toEqual(['/press/en/2025/003/'])
  })

  it('finds a Khmer word from inside a phrase, typed without spaces', async () => {
    // ហត្ថលេខា stands inside ការចុះហត្ថលេខានៅថ្ងៃនេះដោយ, a phrase with no space in it.
    expect(await search('km', 'ហត្ថលេខា')).toEqual(['/press/km/2026/010/'])
    expect(await search('km', 'អាហារូបករណ៍')).toEqual(['/press/km/2025/003/'])
  })

  it('finds a word whatever glossary variant is typed or was written (coeng Da or Ta, U+200B)', async () => {
    const both = ['/press/km/2025/003/', '/press/km/2026/010/']
    // The 2025 release writes ផ្ដល់ with coeng Da, the seed ផ្តល់ with coeng Ta.
    expect((await search('km', 'ផ្តល់')).sort()).toEqual(both)
    expect((await search('km', 'ផ្ដល់')).sort()).toEqual(both)
    // The 2025 headline has a U+200B inside ខេត្តព្រះវិហារ; the query has one elsewhere.
    expect((await search('km', 'ខេត្តព្រះ\u200Bវិហារ')).sort()).toEqual(both)
  })

  it('finds a release by its reference number', async () => {
    expect(await search('en', 'PR-26/EoJ')).toEqual(['/press/en/2026/010/'])
    expect(await search('km', 'PR-25/EoJ')).toEqual(['/press/km/2025/003/'])
    expect((await search('en', 'No. 3 PR-25/EoJ'))[0]).toBe('/press/en/2025/003/')
  })

  it('finds a release by an amount written in Khmer digits', async () => {
    expect(await search('km', '១,០០០,០០០')).toEqual(['/press/km/2026/010/'])
    expect(await search('km', '៥០០,០០០')).toEqual(['/press/km/2025/003/'])
  })

  it('never finds a draft or a release under embargo', async () => {
    expect(await search('en', 'Zebrafish')).toEqual([])
    expect(await search('en', 'Giraffe')).toEqual([])
    expect(await search('km', 'ហ្សីរ៉ាហ្វ')).toEqual([])
    expect(await search('en', 'PR-26/EoJ')).not.toContain('/press/en/2026/012/')
  })

  it('searches from the index page with the keyboard alone, and shows each result with its date and reference', async () => {
    const page = await open('km/')
    // Past the language and feed links to the search box.
    const tabsTo = async (found: () => boolean) => {
      for (let tabs = 1; tabs <= 5; tabs++) {
        await page.keyboard.press('Tab')
        if (await page.evaluate(found)) return tabs
      }
      return null
    }
    expect(await tabsTo(() => document.activeElement?.getAttribute('name') === 'q')).toBe(3)
    await page.keyboard.type('ហត្ថលេខា')
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/km\/search\/\?q=/)
    const first = page.locator('.search-results li').first()
    await first.waitFor()
    expect(await first.locator('.result-date').textContent()).toBe('ថ្ងៃទី១៨ ខែ កុម្ភៈ ឆ្នាំ២០២៦')
    expect(await first.locator('.ref').textContent()).toContain('No. 10 PR-26/EoJ')
    expect(await page.locator('.search-status').textContent()).toContain('១')
    // From the search box to the first result and into it.
    await page.locator('input[name="q"]').focus()
    // The search button, then the first result.
    expect(await tabsTo(() => document.activeElement?.classList.contains('result-title') === true)).toBe(2)
    expect(await page.evaluate(() => new URL((document.activeElement as HTMLAnchorElement).href).pathname)).toBe('/press/km/2026/010/')
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/km\/2026\/010\/$/)
    await page.close()
  })

  it('says without JavaScript that searching needs it, and the index pages still list every release', async () => {
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Emulation.setScriptExecutionDisabled', {value: true})
    await page.goto(`${origin}en/search/?q=Japan`)
    expect(await page.locator('.search-needs-script').isVisible()).toBe(true)
    expect(await page.locator('.search-results li').count()).toBe(0)
    await page.goto(`${origin}en/`)
    expect(await page.locator('.releases a').evaluateAll((links: HTMLAnchorElement[]) => links.map((link) => new URL(link.href).pathname))).toEqual([
      '/press/en/2026/010/',
      '/press/en/2025/003/'
    ])
    await page.close()
  })

  it('ran without a script error or a CSP violation', () => {
    expect(failures).toEqual([])
  })
})
