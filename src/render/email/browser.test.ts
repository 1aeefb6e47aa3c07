/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {simpleParser} from 'mailparser'
import type {BrowserContext} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {releaseIdentity} from '../../release/identity.js'
import {launchChromium} from '../../test/browser.js'
import {findElements, textOf} from '../../test/hast.js'
import {executableMarkup, hostileLinks, hostileRelease, hostileText} from '../../test/hostile.js'
import {checkTexts, projectConfig, readRepoFile, repoRoot, seedPath} from '../../test/project.js'
import {composeEmail} from './compose.js'
import type {EmailTemplate} from './html.js'
import {loadEmailTemplate} from './template.js'

/**
 * The text/html part of the e-mail, as a mail client that runs a browser
 * engine shows it, made from releases carrying the site's script attacks:
 * nothing runs, and the HTML holds nothing that could.
 */

const config = projectConfig()
const work = mkdtempSync(path.join(tmpdir(), 'pressroom-email-browser-'))
let template: EmailTemplate
let context: BrowserContext
/** The template's own `<style>` (its @media rules), as the clean seed's e-mail has it. */
let ownStyles: string[]

async function emailHtml(text: string): Promise<string> {
  const [entry] = checkTexts({[seedPath]: text}, config)
  const release = entry!.release
  const identity = releaseIdentity(release, config) ?? {year: 2026, number: 10, id: '2026-010', sitePath: '2026/010', slug: 'x'}
  const {eml} = await composeEmail({release, identity, config, template, pdf: null})
  const parsed = await simpleParser(eml)
  if (typeof parsed.html !== 'string') throw new Error('the e-mail has no text/html part')
  return parsed.html
}

beforeAll(async () => {
  template = await loadEmailTemplate(repoRoot)
  ownStyles = findElements(await emailHtml(readRepoFile(seedPath).toString('utf8')), (element) => element.tagName === 'style').map(textOf)
  context = await launchChromium(work)
  // Nothing beyond the page itself: a mail client loads no remote content unasked.
  await context.route(/.*/, (route) => route.abort())
})

afterAll(async () => {
  await context?.close()
  rmSync(work, {recursive: true, force: true})
})

describe('the e-mail HTML in Chromium', () => {
  it('keeps the template’s own media rules and inlined styles', async () => {
    const html = await emailHtml(readRepoFile(seedPath).toString('utf8'))
    expect(ownStyles.join('')).toMatch(/@media/u)
    expect(findElements(html, (element) => typeof element.properties.style === 'string').length).toBeGreaterThan(10)
    expect(executableMarkup(html, ownStyles)).toEqual([])
  })

  for (const snippet of [...hostileLinks, ...hostileText]) {
    it(`runs nothing from ${JSON.stringify(snippet)}`, async () => {
      const html = await emailHtml(hostileRelease(snippet))
      const page = await context.newPage()
      const dialogs: string[] = []
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message())
        void dialog.dismiss()
      })
      await page.setContent(html)
      const title = await page.title()
      // Every element gets the events inline handlers listen for, and focus.
      const handlers = await page.evaluate(() => {
        const found: string[] = []
        for (const element of document.querySelectorAll('*')) {
          for (const attribute of element.attributes) if (/^on|^autofocus$/i.test(attribute.name)) found.push(`${element.tagName}[${attribute.name}]`)
          for (const type of ['mouseover', 'mouseenter', 'mousemove', 'pointerover']) element.dispatchEvent(new MouseEvent(type, {bubbles: true}))
          element.dispatchEvent(new FocusEvent('focus'))
          if (element instanceof HTMLElement) element.focus()
        }
        return found
      })
      const embedded = await page.evaluate(() => window.document.querySelectorAll('script, iframe, object, embed, img, svg').length)
      expect({markup: executableMarkup(html, ownStyles), handlers, dialogs, title: await page.title(), embedded}).toEqual({
        markup: [],
        handlers: [],
        dialogs: [],
        title,
        embedded: 0
      })
      await page.close()
    })
  }
})
