/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import type {BrowserContext, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {archive, writeArchive} from '../test/archive.js'
import {launchChromium} from '../test/browser.js'
import {startPreviewServer, type PreviewServer} from './server.js'

/**
 * Earlier translations in the preview, in Debian's Chromium: an archive of
 * releases that repeat and vary sentences, previewed while the newest is
 * being translated.
 */

const work = mkdtempSync(path.join(tmpdir(), 'pressroom-preview-memory-'))
const project = path.join(work, 'project')
const current = path.join(project, 'releases/2026/005-wells-pursat.md')
let server: PreviewServer
let context: BrowserContext

beforeAll(async () => {
  writeArchive(project)
  server = await startPreviewServer({configPath: path.join(project, 'pressroom.yaml'), port: 0, host: '127.0.0.1', debounceMs: 50})
  context = await launchChromium(work)
  await context.route(/^(?!http:\/\/127\.0\.0\.1[:/])/, (route) => route.abort())
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {origin: new URL(server.url).origin})
})

afterAll(async () => {
  await context?.close()
  await server?.close()
  rmSync(path.join(work, 'profile'), {recursive: true, force: true})
})

async function open(name: string): Promise<Page> {
  const page = await context.newPage()
  await page.setViewportSize({width: 1400, height: 1000})
  const response = await page.goto(new URL(name, server.url).href)
  expect(response?.status()).toBe(200)
  return page
}

/** What a suggestion shows, read from the page. */
const readSuggestions = (page: Page, block: string) =>
  page.locator(`#${block} .suggestion`).evaluateAll((items) =>
    items.map((item) => ({
      kind: item.getAttribute('data-kind'),
      score: item.querySelector('.tm-score')!.textContent,
      source: item.querySelector('.tm-source-link')!.textContent,
      href: item.querySelector('.tm-source-link')!.getAttribute('href'),
      meta: item.querySelector('.tm-meta')!.textContent,
      removed: [...item.querySelectorAll('.tm-english del')].map((element) => element.textContent),
      added: [...item.querySelectorAll('.tm-english ins')].map((element) => element.textContent),
      khmer: item.querySelector('.tm-khmer')!.textContent,
      adapted: [...item.querySelectorAll('.tm-khmer mark.adapted')].map((element) => element.textContent),
      copy: item.querySelector('.tm-copy')!.getAttribute('data-copy')
    }))
  )

describe('earlier translations in the preview', () => {
  it('shows exact, adapted and fuzzy matches under the English, with scores, sources and differences', async () => {
    const page = await open('2026-005.html')
    // Headline: only a glossary term differs (Preah Vihear → Pursat).
    expect(await readSuggestions(page, 'b0-en')).toEqual([
      {
        kind: 'adapted',
        score: '71 %',
        source: 'No. 31 PR-25/EoJ',
        href: '2025-031.html',
        meta: '71 % adapted · No. 31 PR-25/EoJ, 20 November 2025, line 7',
        removed: ['Preah Vihear'],
        added: ['Pursat'],
        khmer: 'ជប៉ុនគាំទ្រទឹកស្អាតនៅខេត្តពោធិ៍សាត់',
        adapted: ['ពោធិ៍សាត់'],
        copy: 'ជប៉ុនគាំទ្រទឹកស្អាតនៅខេត្តពោធិ៍សាត់'
      }
    ])
    // The grant paragraph: each sentence looked up; the amount and the date adapted.
    const grant = await readSuggestions(page, 'b1-en')
    expect(grant.map(({kind, score, source, adapted}) => ({kind, score, source, adapted}))).toEqual([
      {kind: 'adapted', score: '92 %', source: 'No. 4 PR-26/EoJ', adapted: ['១,២០០,០០០ ដុល្លារអាមេរិក']},
      {kind: 'adapted', score: '92 %', source: 'No. 4 PR-26/EoJ', adapted: ['ថ្ងៃទី២ ខែ មីនា ឆ្នាំ២០២៦']}
    ])
    await expect(page.locator('#b1-en .tm-for').allTextContents()).resolves.toEqual([
      '“The Government of Japan will provide US$1,200,000 to the World Food Programme (WFP).”',
      '“The Grant Contract will be signed on 2 March 2026 by H.E. Mr. UENO Atsushi, Ambassador Extraordinary and Plenipotentiary of Japan to the Kingdom of Cambodia.”'
    ])
    // The wells: two earlier translations, both adapted, the latest first.
    expect((await readSuggestions(page, 'b2-en')).map(({kind, score, source, khmer}) => [kind, score, source, khmer])).toEqual([
      ['adapted', '70 %', 'No. 4 PR-26/EoJ', 'គម្រោងនេះនឹងជីកអណ្តូងចំនួន ៦០ នៅខេត្តពោធិ៍សាត់។'],
      ['adapted', '70 %', 'No. 31 PR-25/EoJ', 'គម្រោងនេះនឹងសាងសង់អណ្តូងទឹកចំនួន ៦០ នៅខេត្តពោធិ៍សាត់។']
    ])
    const [fuzzy] = await readSuggestions(page, 'b3-en')
    expect(fuzzy).toMatchObject({kind: 'fuzzy', score: '84 %', removed: ['children.'], added: ['local families.'], adapted: []})
    const [exact] = await readSuggestions(page, 'b4-en')
    expect(exact).toMatchObject({
      kind: 'exact',
      score: '100 %',
      meta: '100 % exact · No. 4 PR-26/EoJ, 15 January 2026, line 15 · also in 1 other release',
      removed: [],
      added: []
    })
    // Suggestions sit under the English, inside its cell.
    const [cell, list] = await Promise.all([page.locator('#b4-en').boundingBox(), page.locator('#b4-en .tm').boundingBox()])
    expect(list!.y).toBeGreaterThan(cell!.y)
    expect(list!.x + list!.width).toBeLessThanOrEqual(cell!.x + cell!.width + 1)
    await page.close()
  })

  it('copies a suggestion with one click and never writes the release', async () => {
    const page = await open('2026-005.html')
    const before = readFileSync(current)
    const button = page.locator('#b1-en .tm-copy').first()
    await button.click()
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(
      'រដ្ឋាភិបាលជប៉ុននឹងផ្តល់ថវិកាចំនួន ១,២០០,០០០ ដុល្លារអាមេរិក ដល់កម្មវិធីស្បៀងអាហារពិភពលោក (WFP)។'
    )
    await expect(button.textContent()).resolves.toBe('Copied')
    // The keyboard works too.
    await page.locator('#b4-en .tm-copy').focus()
    await page.keyboard.press('Enter')
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe('សម្រាប់ព័ត៌មានបន្ថែម សូមទាក់ទងស្ថានទូតជប៉ុន។')
    expect(readFileSync(current).equals(before)).toBe(true)
    // The source link opens the earlier release's preview.
    await page.locator('#b0-en .tm-source-link').click()
    await page.waitForURL(/2025-031\.html$/)
    await expect(page.locator('h1').textContent()).resolves.toContain('Japan Supports Clean Water in Preah Vihear')
    await page.close()
  })

  it('learns a translation as soon as it is written in another release', async () => {
    const page = await open('2026-005.html')
    await expect(page.locator('#b0-en .suggestion').count()).resolves.toBe(1)
    // The WFP release gets a headline the new one repeats word for word.
    const wfp = path.join(project, 'releases/2026/004-food-wfp.md')
    writeFileSync(
      wfp,
      archive['releases/2026/004-food-wfp.md']
        .replace('## Japan Provides Food Assistance through *WFP*', '## Japan Supports Clean Water in Pursat')
        .replace('## ជប៉ុនផ្តល់ជំនួយស្បៀងអាហារតាមរយៈ *WFP*', '## ជប៉ុនគាំទ្រការផ្គត់ផ្គង់ទឹកស្អាតនៅខេត្តពោធិ៍សាត់')
    )
    await page.waitForFunction(() => document.querySelector('#b0-en .suggestion.exact') !== null, undefined, {timeout: 15_000})
    expect((await readSuggestions(page, 'b0-en'))[0]).toMatchObject({kind: 'exact', score: '100 %', khmer: 'ជប៉ុនគាំទ្រការផ្គត់ផ្គង់ទឹកស្អាតនៅខេត្តពោធិ៍សាត់'})
    writeFileSync(wfp, archive['releases/2026/004-food-wfp.md'])
    await page.close()
  })
})
