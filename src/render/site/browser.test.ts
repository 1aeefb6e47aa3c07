/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {inflateSync} from 'node:zlib'
import type {BrowserContext, Page} from 'playwright-core'
import {launchChromium} from '../../test/browser.js'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {projectConfig, readRepoFile, seedPath} from '../../test/project.js'
import {renderTestSite} from '../../test/site.js'

/**
 * The site in Debian's Chromium, served over loopback: the Khmer web font
 * really loads and draws the Khmer text, and hostile releases run nothing.
 */


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

/** Rows of a PNG screenshot (8-bit RGB or RGBA, not interlaced) with a pixel that `ink` accepts. */
function inkRows(png: Buffer, ink: (r: number, g: number, b: number) => boolean): number[] {
  const width = png.readUInt32BE(16)
  const height = png.readUInt32BE(20)
  const channels = png[25] === 6 ? 4 : 3
  const chunks: Buffer[] = []
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at)
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') chunks.push(png.subarray(at + 8, at + 8 + length))
    at += 12 + length
  }
  const data = inflateSync(Buffer.concat(chunks))
  const stride = width * channels
  const rows: number[] = []
  let previous = Buffer.alloc(stride)
  for (let y = 0; y < height; y++) {
    const filter = data[y * (stride + 1)]!
    const row = Buffer.from(data.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)))
    for (let i = 0; i < stride; i++) {
      const left = i >= channels ? row[i - channels]! : 0
      const up = previous[i]!
      const upLeft = i >= channels ? previous[i - channels]! : 0
      const paeth = (() => {
        const p = left + up - upLeft
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)]
        return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft
      })()
      const add = [0, left, up, (left + up) >> 1, paeth][filter]!
      row[i] = (row[i]! + add) & 0xff
    }
    for (let x = 0; x < width; x++) {
      if (ink(row[x * channels]!, row[x * channels + 1]!, row[x * channels + 2]!)) {
        rows.push(y)
        break
      }
    }
    previous = row
  }
  return rows
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

  it('sets subheads clearly below the headline, and underlines Khmer links below their deepest subscripts', async () => {
    for (const lang of ['km', 'en'] as const) {
      const page = await open(`/${lang}/2026/010/`)
      // A subhead and a link as the release renderer writes them, with deep coeng stacks.
      const sizes = await page.evaluate((words: string) => {
        const article = document.querySelector('article')
        const h2 = document.createElement('h2')
        h2.textContent = words
        const p = document.createElement('p')
        p.id = 'probe'
        const a = document.createElement('a')
        a.href = 'https://example.org/'
        a.textContent = words
        p.append(a)
        article!.append(h2, p)
        return {headlinePx: parseFloat(getComputedStyle(article!.querySelector('h1')!).fontSize), subheadPx: parseFloat(getComputedStyle(h2).fontSize)}
      }, lang === 'km' ? 'ស្ត្រី ក្សត្រ សង្គ្រោះ' : 'Support for typography')
      expect(sizes.subheadPx).toBeLessThanOrEqual(0.8 * sizes.headlinePx)
      expect(sizes.subheadPx).toBeGreaterThan(sizes.headlinePx / 2)
      const link = page.locator('#probe a')
      if (lang === 'en') {
        // Latin descenders are skipped by the ink-skipping underline, as usual.
        expect(await link.evaluate((a: HTMLElement) => getComputedStyle(a).textDecorationSkipInk)).toBe('auto')
        await page.close()
        continue
      }
      // Drawn twice in Chromium: the underline alone, then the letters alone; no row has both.
      const box = (await link.boundingBox())!
      const clip = {x: box.x, y: box.y, width: box.width, height: box.height + 12}
      await link.evaluate((a: HTMLElement) => Object.assign(a.style, {color: 'transparent', textDecorationColor: '#ff0000', textDecorationSkipInk: 'none'}))
      const underline = inkRows(await page.screenshot({clip}), (r, g, b) => r > 200 && g < 80 && b < 80)
      await link.evaluate((a: HTMLElement) => Object.assign(a.style, {color: '#000000', textDecorationLine: 'none'}))
      const letters = inkRows(await page.screenshot({clip}), (r, g, b) => r + g + b < 384)
      expect(underline.length).toBeGreaterThan(0)
      expect(letters.length).toBeGreaterThan(0)
      expect(Math.min(...underline)).toBeGreaterThan(Math.max(...letters))
      await link.evaluate((a: HTMLElement) => Object.assign(a.style, {color: '', textDecorationLine: '', textDecorationColor: '', textDecorationSkipInk: ''}))
      await link.screenshot({path: path.join(screenshots, 'link-km.png')})
      await page.close()
    }
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
