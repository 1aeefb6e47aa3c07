import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import path from 'node:path'
import type {BrowserContext, Page} from 'playwright-core'
import {launchChromium} from '../../test/browser.js'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {projectConfig, readRepoFile, seedPath} from '../../test/project.js'
import {renderTestSite} from '../../test/site.js'

/**
 * The site in Debian's Chromium, served over loopback: the Khmer web font
 * really loads and draws the Khmer text, and hostile releases run nothing.
 */
// Functions given to page.evaluate run in the page, where these exist.
declare const document: any
declare const window: any
declare function getComputedStyle(element: unknown): any
declare const MouseEvent: any


const work = mkdtempSync(path.join(tmpdir(), 'pressroom-site-browser-'))
const siteDir = path.join(work, 'out')
const screenshots = path.join(work, 'screenshots')
let server: Server
let origin: string
let context: BrowserContext
const requested: string[] = []

const hostile = [
  '[x](javascript:window.__xss=1)',
  '[x](data:text/html,<script>parent.__xss=1</script>)',
  '[x](<https://example.org/" onmouseover="window.__xss=1>)',
  '[x](https://example.org "t\\" onmouseover=\\"window.__xss=1")',
  '&lt;script&gt;window.__xss=1&lt;/script&gt;',
  '&lt;img src=x onerror=window.__xss=1&gt;',
  '" onmouseover="window.__xss=1'
].join(' ')

async function writeSite(): Promise<void> {
  const config = projectConfig()
  const seed = readRepoFile(seedPath).toString('utf8')
  const files = {
    [seedPath]: seed,
    'releases/2026/011-hostile.md': seed
      .replace('ref: No. 10 PR-26/EoJ', 'ref: No. 11 PR-26/EoJ')
      .replace('## Japan Provides', `## ${hostile} Japan Provides`)
      .replace('The Government of Japan will provide', `The Government of Japan ${hostile} will provide`)
  }
  const pdf = new TextEncoder().encode('%PDF-1.7\n%%EOF\n')
  for (const [file, data] of await renderTestSite(files, {config, now: new Date('2026-03-01T00:00:00Z'), pdf})) {
    if (!file.startsWith('site/')) continue
    const target = path.join(siteDir, file.replace(/^site\//, ''))
    mkdirSync(path.dirname(target), {recursive: true})
    writeFileSync(target, data)
  }
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.xml': 'application/xml',
  '.json': 'application/json',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8'
}

/** A static file server for the site folder, on 127.0.0.1 only. */
function serve(dir: string): Promise<Server> {
  const httpServer = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    requested.push(url.pathname)
    let file = path.join(dir, decodeURIComponent(url.pathname))
    if (!file.startsWith(dir)) return void response.writeHead(403).end()
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html')
    if (!existsSync(file)) return void response.writeHead(404).end()
    response.writeHead(200, {'content-type': types[path.extname(file)] ?? 'application/octet-stream'})
    response.end(readFileSync(file))
  })
  return new Promise((resolve) => httpServer.listen(0, '127.0.0.1', () => resolve(httpServer)))
}

beforeAll(async () => {
  await writeSite()
  server = await serve(siteDir)
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  mkdirSync(screenshots, {recursive: true})
  // Fails, not skips, without Chromium: the browser tests are part of the suite.
  context = await launchChromium(work)
  // Nothing beyond loopback.
  await context.route(/^(?!http:\/\/127\.0\.0\.1[:/])/, (route) => route.abort())
})

afterAll(async () => {
  await context?.close()
  await new Promise((resolve) => server?.close(resolve))
  if (!process.env.PRESSROOM_KEEP_SCREENSHOTS) rmSync(path.join(work, 'profile'), {recursive: true, force: true})
})

async function open(url: string): Promise<Page> {
  const page = await context.newPage()
  await page.setViewportSize({width: 900, height: 1200})
  const response = await page.goto(`${origin}${url}`)
  expect(response?.status()).toBe(200)
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
  return page
}

/** The fonts Chromium really drew an element's text with. */
async function fontsUsed(page: Page, selector: string): Promise<Array<{familyName: string; isCustomFont: boolean; glyphCount: number}>> {
  const cdp = await context.newCDPSession(page)
  await cdp.send('DOM.enable')
  await cdp.send('CSS.enable')
  const {root} = await cdp.send('DOM.getDocument')
  const {nodeId} = await cdp.send('DOM.querySelector', {nodeId: root.nodeId, selector})
  const {fonts} = await cdp.send('CSS.getPlatformFontsForNode', {nodeId})
  await cdp.detach()
  return fonts
}

describe('the site in Chromium', () => {
  it('draws the Khmer page with the Khmer web font served with the site', async () => {
    const page = await open('/km/2026/010/')
    const loaded = await page.evaluate(() => ({
      check: document.fonts.check('16px "Pressroom Khmer"', 'សេចក្តីប្រកាស'),
      faces: [...document.fonts].filter((face) => face.family.replace(/"/g, '') === 'Pressroom Khmer').map((face) => `${face.weight} ${face.status}`),
      lang: document.documentElement.lang
    }))
    expect(loaded.check).toBe(true)
    expect(loaded.faces).toContain('400 loaded')
    expect(loaded.faces).toContain('700 loaded')
    expect(loaded.lang).toBe('km')
    expect(requested).toContain('/assets/fonts/NotoSansKhmer-Regular.woff2')
    // The Khmer glyphs come from the web font (a custom font), not a system copy of Noto.
    const body = await fontsUsed(page, 'article p')
    const khmer = body.find((font) => /Khmer/.test(font.familyName))
    expect(khmer).toMatchObject({familyName: 'Noto Sans Khmer', isCustomFont: true})
    expect(khmer!.glyphCount).toBeGreaterThan(100)
    // Every glyph of the headline, Khmer, digits and punctuation, comes from the site's web fonts.
    const headline = await fontsUsed(page, 'article h1')
    expect(headline.find((font) => /Khmer/.test(font.familyName))).toMatchObject({isCustomFont: true})
    expect(headline.filter((font) => !font.isCustomFont)).toEqual([])
    expect(body.filter((font) => !font.isCustomFont)).toEqual([])
    await expect(page.locator('time').textContent()).resolves.toBe('ថ្ងៃទី១៨ ខែ កុម្ភៈ ឆ្នាំ២០២៦')
    await page.screenshot({path: path.join(screenshots, 'release-km.png'), fullPage: true})
    // Khmer line breaking is the browser's (lang="km", no spaces between words): long
    // paragraphs wrap at word boundaries inside runs without spaces, and nothing overflows.
    const wrapping = await page.evaluate(() =>
      [...document.querySelectorAll('article p')].map((p) => ({
        lines: Math.round(p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight)),
        overflows: p.scrollWidth > p.clientWidth
      }))
    )
    expect(wrapping.every((p) => !p.overflows)).toBe(true)
    expect(Math.max(...wrapping.map((p) => p.lines))).toBeGreaterThan(3)
    await page.close()
  })

  it('draws the English page with the Latin web font and links the PDF', async () => {
    const page = await open('/en/2026/010/')
    const used = await fontsUsed(page, 'article p')
    expect(used.find((font) => font.familyName === 'Noto Sans')).toMatchObject({isCustomFont: true})
    const pdf = await page.locator('a[type="application/pdf"]').getAttribute('href')
    const response = await page.request.get(new URL(pdf!, page.url()).href)
    expect(response.status()).toBe(200)
    expect(response.headers()['content-type']).toBe('application/pdf')
    await page.locator('a[hreflang="km"]').click()
    await expect(page.waitForURL(`${origin}/km/2026/010/`)).resolves.toBeUndefined()
    await page.goto(`${origin}/en/`)
    await page.screenshot({path: path.join(screenshots, 'index-en.png'), fullPage: true})
    await page.goto(`${origin}/en/2026/010/`)
    await page.screenshot({path: path.join(screenshots, 'release-en.png'), fullPage: true})
    await page.close()
  })

  it('runs nothing from a hostile release', async () => {
    for (const url of ['/en/2026/011/', '/km/2026/011/', '/en/']) {
      const page = await open(url)
      const dialogs: string[] = []
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message())
        void dialog.dismiss()
      })
      // Every element gets the events inline handlers listen for (a real mouse sweep is slow).
      await page.evaluate(() => {
        for (const element of document.querySelectorAll('body *')) {
          for (const type of ['mouseover', 'mouseenter', 'mousemove', 'pointerover', 'focus', 'animationstart']) {
            element.dispatchEvent(new MouseEvent(type, {bubbles: true}))
          }
        }
      })
      await page.locator('h1').hover()
      for (const link of await page.locator('a:not([href^="http"]):not([href^="."]):not([href^="mailto"]):not([href^="tel"])').all()) {
        await link.click({timeout: 1000, noWaitAfter: true}).catch(() => {})
      }
      expect(await page.evaluate(() => (window as unknown as {__xss?: number}).__xss)).toBeUndefined()
      expect(dialogs).toEqual([])
      expect(await page.locator('script, iframe, object, embed, img, svg').count()).toBe(0)
      await page.close()
    }
  })
})

// Where to look at the screenshots.
afterAll(() => {
  process.stderr.write(`site screenshots: ${screenshots}\n`)
})
