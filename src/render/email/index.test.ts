import {mkdtemp, mkdir, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {simpleParser} from 'mailparser'
import {afterAll, describe, expect, test} from 'vitest'
import type {RenderContext, RenderedRelease} from '../renderer.js'
import {releaseIdentity} from '../../release/identity.js'
import {parseRelease} from '../../release/parse.js'
import {projectConfig, readRepoFile, repoRoot, seedPath} from '../../test/project.js'
import {createEmailRenderer, TemplateError} from './index.js'

const config = projectConfig()
const release = parseRelease(seedPath, readRepoFile(seedPath)).release
const identity = releaseIdentity(release, config)!
const item = (files: RenderedRelease['files']): RenderedRelease => ({release, identity, source: '', published: true, messages: [], files})
const context: RenderContext = {config, root: repoRoot, now: new Date('2026-03-01T00:00:00Z'), generator: 'pressroom 0.0.0'}
const pdf = new TextEncoder().encode('%PDF-1.7\n%%EOF\n')

const folders: string[] = []
afterAll(async () => {
  for (const folder of folders) await rm(folder, {recursive: true, force: true})
})

describe('createEmailRenderer', () => {
  test('writes email/YYYY-NNN.eml, attaching the PDF an earlier renderer made', async () => {
    const renderer = createEmailRenderer()
    expect(renderer.name).toBe('email')
    await renderer.prepare!(context)
    const result = await renderer.renderRelease(item([{path: 'pdf/2026-010.pdf', data: pdf}]), context)
    expect(result.findings).toEqual([])
    expect(result.files.map((file) => file.path)).toEqual(['email/2026-010.eml'])
    const parsed = await simpleParser(Buffer.from(result.files[0]!.data as Uint8Array))
    expect(parsed.attachments.map((a) => [a.filename, Buffer.compare(a.content, Buffer.from(pdf))])).toEqual([['2026-010.pdf', 0]])
  })

  test('without a PDF, the e-mail has no attachment; the clock of the build changes nothing', async () => {
    const renderer = createEmailRenderer()
    const first = await renderer.renderRelease(item([]), context)
    const later = await renderer.renderRelease(item([]), {...context, now: new Date('2030-01-01T00:00:00Z')})
    expect((await simpleParser(Buffer.from(first.files[0]!.data as Uint8Array))).attachments).toEqual([])
    expect(Buffer.compare(Buffer.from(first.files[0]!.data as Uint8Array), Buffer.from(later.files[0]!.data as Uint8Array))).toBe(0)
  })

  test('makes no e-mail when pressroom.yaml has no email.from', async () => {
    const result = await createEmailRenderer().renderRelease(item([]), {...context, config: {...config, email: {...config.email, from: null}}})
    expect(result).toEqual({files: [], findings: []})
  })

  test("uses the project's own template, and names a placeholder it does not know", async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'pressroom-email-'))
    folders.push(root)
    await mkdir(path.join(root, 'templates/email'), {recursive: true})
    await writeFile(
      path.join(root, 'templates/email/email.html'),
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{subject}}</title></head><body><h1 class="org" lang="km">{{organisation.km}}</h1><main>{{sections}}</main><p data-if="contact">{{contact}}</p></body></html>'
    )
    const own = createEmailRenderer()
    await own.prepare!({...context, root})
    const result = await own.renderRelease(item([]), {...context, root})
    const html = String((await simpleParser(Buffer.from(result.files[0]!.data as Uint8Array))).html)
    // The project has no email.css: pressroom's own is inlined.
    expect(html).toContain('<h1 class="org" lang="km" style="')
    expect(html).toContain('Noto Sans Khmer')
    expect(html).toContain('ស្ថានទូតជប៉ុនប្រចាំកម្ពុជា</h1>')
    expect(html).not.toMatch(/\{\{|data-if/u)

    const fails = async (template: string, message: RegExp) => {
      await writeFile(path.join(root, 'templates/email/email.html'), template)
      const renderer = createEmailRenderer()
      await renderer.prepare!({...context, root})
      const rendering = renderer.renderRelease(item([]), {...context, root})
      await expect(rendering).rejects.toThrow(TemplateError)
      await expect(rendering).rejects.toThrow(message)
    }
    await fails('<html><body><div>{{section}}</div></body></html>', /unknown placeholder \{\{section\}\}; known: contact, date\.en, /u)
    await fails('<html><body><p>{{subject}}</p></body></html>', /email\.html: the template has no \{\{sections\}\}; put it where the release text goes/u)
    // A copy of the template made for the data-slot syntax is refused, not half filled.
    await fails(
      '<html><body><div data-slot="sections"></div></body></html>',
      /data-slot="sections" is no longer read; write \{\{name\}\} placeholders instead \(templates\/email\/README\.md lists them\)/u
    )
  })
})
