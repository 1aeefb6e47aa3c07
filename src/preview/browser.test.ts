/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import {cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import type {BrowserContext, Page} from 'playwright-core'
import {launchChromium} from '../test/browser.js'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {readRepoFile, repoRoot, seedPath} from '../test/project.js'
import {startPreviewServer, type PreviewServer} from './server.js'

/**
 * The translator's preview in Debian's Chromium, served by the preview
 * server on loopback from a throwaway project: the columns line up, each
 * diagnostic sits beside its block, twins light up together, and editing a
 * release reloads the page.
 */


const work = mkdtempSync(path.join(tmpdir(), 'pressroom-preview-browser-'))
const project = path.join(work, 'project')
const screenshots = path.join(work, 'screenshots')
const releasePath = path.join(project, seedPath)
let server: PreviewServer
let context: BrowserContext

beforeAll(async () => {
  mkdirSync(project, {recursive: true})
  for (const file of ['pressroom.yaml', 'glossary.yaml']) writeFileSync(path.join(project, file), readRepoFile(file))
  cpSync(path.join(repoRoot, 'fixtures/bad/amount-mismatch/releases'), path.join(project, 'releases'), {recursive: true})
  // A newer release without errors and an older one from the year before, for the list.
  const seed = readRepoFile(seedPath).toString('utf8')
  writeFileSync(path.join(project, 'releases/2026/011-next.md'), seed.replace('No. 10 PR-26/EoJ', 'No. 11 PR-26/EoJ').replace('2026-02-18', '2026-03-02'))
  mkdirSync(path.join(project, 'releases/2025'), {recursive: true})
  writeFileSync(path.join(project, 'releases/2025/031-last-year.md'), seed.replace('No. 10 PR-26/EoJ', 'No. 31 PR-25/EoJ').replace('2026-02-18', '2025-12-30'))
  mkdirSync(screenshots, {recursive: true})
  server = await startPreviewServer({configPath: path.join(project, 'pressroom.yaml'), port: 0, host: '127.0.0.1', debounceMs: 50})
  // Fails, not skips, without Chromium: the browser tests are part of the suite.
  context = await launchChromium(work)
  await context.route(/^(?!http:\/\/127\.0\.0\.1[:/])/, (route) => route.abort())
})

afterAll(async () => {
  await context?.close()
  await server?.close()
  rmSync(path.join(work, 'profile'), {recursive: true, force: true})
  process.stderr.write(`preview screenshots: ${screenshots}\n`)
})

async function open(url: string): Promise<Page> {
  const page = await context.newPage()
  await page.setViewportSize({width: 1400, height: 1000})
  const response = await page.goto(new URL(url, server.url).href)
  expect(response?.status()).toBe(200)
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
  return page
}

type Box = {x: number; y: number; width: number; height: number}

describe('the preview in Chromium', () => {
  it('shows English and Khmer side by side, block beside block, with the Khmer font', async () => {
    const page = await open('2026-010.html')
    const rows = await page.locator('.row[id]').evaluateAll((elements) =>
      elements.map((row) => {
        const box = (selector: string) => {
          const rect = row.querySelector(selector)!.getBoundingClientRect()
          return {x: rect.x, y: rect.y, width: rect.width, height: rect.height}
        }
        return {id: row.id, en: box(':scope > .cell:nth-child(1)'), km: box(':scope > .cell:nth-child(2)'), notes: box(':scope > .notes')}
      })
    )
    expect(rows.length).toBeGreaterThan(4)
    let previousBottom = 0
    for (const row of rows) {
      // Paired blocks start on the same line, English left, Khmer right, notes beside them.
      expect(Math.abs(row.en.y - row.km.y), row.id).toBeLessThan(1)
      expect(row.en.x + row.en.width).toBeLessThanOrEqual(row.km.x)
      expect(row.km.x + row.km.width).toBeLessThanOrEqual(row.notes.x)
      expect(row.en.y).toBeGreaterThanOrEqual(previousBottom - 1)
      previousBottom = Math.max(row.en.y + row.en.height, row.km.y + row.km.height)
    }
    const khmerLoaded = await page.evaluate(() => [...document.fonts].some((face) => face.family.replace(/"/g, '') === 'Preview Khmer' && face.status === 'loaded'))
    expect(khmerLoaded).toBe(true)
    expect(await page.evaluate(() => document.fonts.check('16px "Preview Khmer"', 'ស្ត្រី'))).toBe(true)
    await page.screenshot({path: path.join(screenshots, 'preview.png'), fullPage: true})
    await page.close()
  })

  it('puts a diagnostic beside the block it concerns', async () => {
    const page = await open('2026-010.html')
    const note = page.locator('.diagnostic[data-rule="amount-mismatch"][data-block$="-km"]')
    await expect(note.count()).resolves.toBe(1)
    const blockId = (await note.getAttribute('data-block'))!
    const block = page.locator(`#${blockId}`)
    await expect(block.textContent()).resolves.toContain('១០០,០០០ ដុល្លារអាមេរិក')
    const [noteBox, blockBox] = (await Promise.all([note.boundingBox(), block.boundingBox()])) as [Box, Box]
    // Beside: to its right, and level with it.
    expect(noteBox.x).toBeGreaterThan(blockBox.x + blockBox.width)
    expect(noteBox.y).toBeGreaterThanOrEqual(blockBox.y - 1)
    expect(noteBox.y).toBeLessThan(blockBox.y + blockBox.height)
    await expect(note.locator('.rule').textContent()).resolves.toBe('amount-mismatch')
    await expect(note.locator('.fix').textContent()).resolves.toMatch(/^Fix: write ១,០០០,០០០ ដុល្លារអាមេរិក \(the release gives USD 1,000,000 4 times elsewhere\)$/)
    // Hovering the note outlines its block.
    await note.hover()
    await expect(block.evaluate((element) => element.classList.contains('block-active'))).resolves.toBe(true)
    await page.close()
  })

  it('highlights the twin of a hovered amount', async () => {
    const page = await open('2026-010.html')
    const amount = page.locator('#b0-en mark.amount')
    const twin = page.locator(`#b0-km mark[data-twin="${await amount.getAttribute('data-twin')}"]`)
    await expect(twin.textContent()).resolves.toBe('១,០០០,០០០ ដុល្លារអាមេរិក')
    const background = () => twin.evaluate((element) => getComputedStyle(element).backgroundColor)
    const before = await background()
    await amount.hover()
    await expect(twin.evaluate((element) => element.classList.contains('twin-active'))).resolves.toBe(true)
    expect(await background()).not.toBe(before)
    // A glossary term too.
    const term = page.locator('#b1-en mark.term', {hasText: 'Government of Japan'})
    await term.hover()
    await expect(page.locator('#b1-km mark.twin-active').textContent()).resolves.toBe('រដ្ឋាភិបាលជប៉ុន')
    await page.screenshot({path: path.join(screenshots, 'preview-hover.png'), clip: {x: 0, y: 0, width: 1400, height: 700}})
    await page.mouse.move(1, 1)
    await expect(twin.evaluate((element) => element.classList.contains('twin-active'))).resolves.toBe(false)
    await page.close()
  })

  it('lists the releases newest first, a release with errors marked in red with its counts', async () => {
    const page = await open('/')
    const items = await page.locator('.release').evaluateAll((elements) =>
      elements.map((item) => {
        const style = (selector: string) => getComputedStyle(item.querySelector(selector)!).color
        return {
          path: item.querySelector('.path')!.textContent,
          state: item.querySelector('.state')!.textContent,
          counts: item.querySelector('.counts')!.textContent,
          stateColour: style('.state'),
          errorsColour: style('.count.errors'),
          warningsColour: style('.count.warnings'),
          border: getComputedStyle(item).borderLeftColor
        }
      })
    )
    expect(items.map((item) => item.path)).toEqual([
      'releases/2026/011-next.md',
      'releases/2026/010-japan-grant-ilo-returning-migrant-workers.md',
      'releases/2025/031-last-year.md'
    ])
    const [next, broken] = items as [(typeof items)[0], (typeof items)[0]]
    expect(broken.state).toBe('Has errors: 1 error to fix before it can be published')
    expect(broken.counts).toBe('1 error, 3 warnings')
    const red = 'rgb(179, 38, 30)'
    expect(broken.stateColour).toBe(red)
    expect(broken.errorsColour).toBe(red)
    expect(broken.border).toBe(red)
    expect(broken.warningsColour).toBe('rgb(154, 103, 0)')
    expect(next.state).toBe('To be published')
    expect(next.counts).toBe('0 errors, 3 warnings')
    // No errors: the count is grey, not red.
    expect(next.errorsColour).not.toBe(red)
    await page.screenshot({path: path.join(screenshots, 'preview-list.png'), fullPage: true})
    await page.close()
  })

  it('marks the space a spacing warning is about, visibly, with the reason on hover', async () => {
    const page = await open('2026-010.html')
    const mark = page.locator('#b1-km mark.issue[data-rule="khmer-spacing"]')
    await expect(mark.count()).resolves.toBe(1)
    await expect(mark.textContent()).resolves.toBe(' ')
    await expect(mark.getAttribute('title')).resolves.toMatch(/^Space before ។/)
    const look = await mark.evaluate((element) => ({
      width: element.getBoundingClientRect().width,
      background: getComputedStyle(element).backgroundColor,
      after: getComputedStyle(element, '::after').content,
      next: element.nextSibling?.textContent?.[0]
    }))
    // A space that takes room and has a colour, named by the stylesheet, right before the ។ it concerns.
    expect(look.width).toBeGreaterThan(2)
    expect(look.background).not.toBe('rgba(0, 0, 0, 0)')
    expect(look.after).toBe('"␣"')
    expect(look.next).toBe('។')
    await page.locator('#b1-km').screenshot({path: path.join(screenshots, 'preview-spacing.png')})
    await page.close()
  })

  it('reloads with the new text when the release is edited, and shows a broken one instead of failing', async () => {
    const page = await open('2026-010.html')
    const version = server.version()
    const original = readFileSync(releasePath, 'utf8')
    writeFileSync(releasePath, original.replace('The Government of Japan will provide', 'The Government of Japan (edited while previewing) will provide'))
    await page.waitForFunction(() => document.body.textContent.includes('(edited while previewing)'), undefined, {timeout: 15_000})
    expect(server.version()).toBeGreaterThan(version)

    // Frontmatter YAML that does not parse: the page shows the error, the server keeps going.
    writeFileSync(releasePath, original.replace('date: 2026-02-18', 'date: [2026-02-18'))
    await page.waitForFunction(() => document.querySelector('.general .diagnostic') !== null, undefined, {timeout: 15_000})
    await expect(page.locator('.general .diagnostic .rule').first().textContent()).resolves.toBe('frontmatter')

    // A config with errors: the page explains, and comes back once it is fixed.
    const config = readFileSync(path.join(project, 'pressroom.yaml'), 'utf8')
    writeFileSync(path.join(project, 'pressroom.yaml'), config.replace('reference:', 'referense:'))
    await page.waitForFunction(() => document.title.startsWith('Nothing to preview'), undefined, {timeout: 15_000})
    await expect(page.locator('pre').textContent()).resolves.toContain('referense')
    writeFileSync(path.join(project, 'pressroom.yaml'), config)
    writeFileSync(releasePath, original)
    await page.waitForFunction(() => document.querySelector('#b0-en') !== null, undefined, {timeout: 15_000})
    await page.close()
  })
})
