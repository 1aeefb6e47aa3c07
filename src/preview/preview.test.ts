import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import type {Element, Root} from 'hast'
import {HtmlValidate} from 'html-validate'
import {beforeAll, describe, expect, it} from 'vitest'
import {storeMessages} from '../diagnostic/message.js'
import {pairUnits, sectionUnits} from '../release/pairing.js'
import {findElements, parseHtml, textOf} from '../test/hast.js'
import {checkTexts, projectConfig, readRepoFile, repoRoot, seedPath} from '../test/project.js'
import {loadPreviewAssets} from './assets.js'
import {placeMessages, previewRows} from './blocks.js'
import {renderPreview, splitReason, type PreviewAssets} from './render-preview.js'

const config = projectConfig()
let assets: PreviewAssets

beforeAll(async () => {
  assets = await loadPreviewAssets(repoRoot, config)
})

function fixture(name: string): string {
  const dir = path.join(repoRoot, 'fixtures', name, 'releases/2026')
  return readFileSync(path.join(dir, readdirSync(dir)[0]!), 'utf8')
}

function preview(text: string) {
  const [entry] = checkTexts({[seedPath]: text}, config)
  const html = renderPreview(entry!, config, {assets})
  return {entry: entry!, html, root: parseHtml(html)}
}



const classes = (element: Element) => (element.properties.className as string[] | undefined) ?? []
const byId = (root: Root, id: string) => findElements(root, (e) => e.properties.id === id)[0]

describe('the preview', () => {
  it('puts the blocks side by side as structure-parity pairs them', () => {
    const {entry, root} = preview(readRepoFile(seedPath).toString('utf8'))
    const {en, km} = entry.release.sections
    const pairs = pairUnits(sectionUnits(en!), sectionUnits(km!))
    const rows = findElements(root, (e) => classes(e).includes('row') && typeof e.properties.id === 'string')
    // The headlines, then one row per pair.
    expect(rows.length).toBe(pairs.length + 1)
    pairs.forEach((pair, i) => {
      const row = rows[i + 1]!
      const cells = row.children.filter((c): c is Element => c.type === 'element' && classes(c).includes('cell'))
      expect(cells.map((c) => c.properties.lang)).toEqual(['en', 'km'])
      for (const [cell, unit] of [[cells[0]!, pair.en], [cells[1]!, pair.km]] as const) {
        if (unit) expect(cell.properties.dataLines).toBe(`${unit.position.start.line}-${unit.position.end.line}`)
        else expect(classes(cell)).toContain('missing')
      }
    })
    // The seed's English "Recipient:" paragraph is a Khmer list item: they share a row.
    const recipient = rows.find((row) => textOf(row).includes('Recipient:'))!
    expect(textOf(recipient)).toContain('ស្ថាប័នទទួលជំនួយ៖')
    expect(findElements({type: 'root', children: [recipient]}, (e) => e.tagName === 'li').length).toBe(1)
  })

  it('shows each diagnostic beside the block it points into, with its rule id and fix', () => {
    const {entry, root} = preview(fixture('bad/date-mismatch'))
    const dates = entry.file.messages.filter((m) => m.ruleId === 'date-mismatch')
    expect(dates.map((m) => m.line)).toEqual([9, 21])
    const notes = findElements(root, (e) => classes(e).includes('diagnostic') && e.properties.dataRule === 'date-mismatch')
    expect(notes.length).toBe(2)
    const [enNote, kmNote] = notes.sort((a, b) => String(a.properties.dataBlock).localeCompare(String(b.properties.dataBlock)))
    const enBlock = byId(root, String(enNote!.properties.dataBlock))!
    const kmBlock = byId(root, String(kmNote!.properties.dataBlock))!
    expect(enBlock.properties.lang).toBe('en')
    expect(enBlock.properties.dataLines).toBe('9-9')
    expect(kmBlock.properties.lang).toBe('km')
    expect(kmBlock.properties.dataLines).toBe('21-21')
    // Both sit in the row of the blocks they concern.
    const row = findElements(root, (e) => classes(e).includes('row') && e.children.includes(enBlock))[0]!
    expect(row.children).toContain(kmBlock)
    expect(findElements({type: 'root', children: [row]}, (e) => classes(e).includes('diagnostic') && e.properties.dataRule === 'date-mismatch').length).toBe(2)
    expect(classes(enBlock)).toContain('has-error')
    expect(textOf(enNote!)).toContain('date-mismatch')
    expect(findElements({type: 'root', children: [enNote!]}, (e) => classes(e).includes('fix')).map(textOf)[0]).toBe('Fix: correct whichever of the two is wrong')
  })

  it('lists messages outside every block in the header', () => {
    const {root} = preview(fixture('bad/ref-format'))
    const general = findElements(root, (e) => classes(e).includes('general'))[0]!
    const notes = findElements({type: 'root', children: [general]}, (e) => classes(e).includes('diagnostic'))
    expect(notes.map((e) => e.properties.dataRule)).toEqual(['ref-format'])
    expect(notes[0]!.properties.dataBlock).toBeUndefined()
    expect(textOf(notes[0]!)).toContain('2:6')
  })

  it('highlights paired facts and glossary terms with a shared twin id', () => {
    const {root} = preview(readRepoFile(seedPath).toString('utf8'))
    const marks = findElements(root, (e) => e.tagName === 'mark' && e.properties.dataTwin !== undefined)
    const twins = (text: string) => marks.filter((m) => textOf(m) === text).map((m) => m.properties.dataTwin)
    const headlineAmount = findElements(byId(root, 'b0-en')!.children[1] as unknown as Root, (e) => e.tagName === 'mark' && classes(e).includes('amount'))[0]!
    const kmHeadlineAmount = findElements(byId(root, 'b0-km')!.children[1] as unknown as Root, (e) => e.tagName === 'mark' && classes(e).includes('amount'))[0]!
    expect(textOf(headlineAmount)).toBe('US$1,000,000')
    expect(textOf(kmHeadlineAmount)).toBe('១,០០០,០០០ ដុល្លារអាមេរិក')
    expect(headlineAmount.properties.dataTwin).toBe(kmHeadlineAmount.properties.dataTwin)
    expect(new Set(twins('Government of Japan'))).toEqual(new Set(twins('រដ្ឋាភិបាលជប៉ុន')))
    expect(twins('ILO').length).toBe(4)
    expect(new Set(twins('ILO')).size).toBe(1)
    // The longer term wins: `Japan` inside `Government of Japan` is not marked on its own.
    expect(marks.filter((m) => textOf(m) === 'Government of Japan').length).toBe(1)
  })

  it('marks facts without a twin', () => {
    const {root} = preview(fixture('bad/amount-mismatch'))
    const unpaired = findElements(root, (e) => e.tagName === 'mark' && classes(e).includes('unpaired') && classes(e).includes('amount'))
    expect(unpaired.map(textOf).sort()).toEqual(['US$1,000,000', '១០០,០០០ ដុល្លារអាមេរិក'].sort())
  })

  it('previews every fixture, broken ones included, as valid HTML5', async () => {
    const validator = new HtmlValidate({
      extends: ['html-validate:recommended'],
      rules: {'doctype-style': 'off', 'long-title': 'off', 'no-trailing-whitespace': 'off'}
    })
    for (const group of ['good', 'bad']) {
      for (const name of readdirSync(path.join(repoRoot, 'fixtures', group), {withFileTypes: true}).filter((d) => d.isDirectory())) {
        const dir = path.join(repoRoot, 'fixtures', group, name.name, 'releases')
        const files = Object.fromEntries(
          readdirSync(dir, {recursive: true, withFileTypes: true})
            .filter((d) => d.isFile())
            .map((d) => [path.relative(path.join(repoRoot, 'fixtures', group, name.name), path.join(d.parentPath, d.name)), readFileSync(path.join(d.parentPath, d.name))])
        )
        for (const entry of checkTexts(files, config)) {
          const html = renderPreview(entry, config, {assets, now: new Date('2026-02-18T00:00:00Z')})
          const report = await validator.validateString(html, `${group}/${name.name}`)
          const problems = report.results.flatMap((r) => r.messages.map((m) => `${group}/${name.name} ${m.line}:${m.column} ${m.ruleId} ${m.message}`))
          expect(problems).toEqual([])
          // Every message is on the page, beside a block or in the header.
          const root = parseHtml(html)
          expect(findElements(root, (e) => classes(e).includes('diagnostic')).length, `${group}/${name.name}`).toBe(entry.file.messages.length)
        }
      }
    }
  })

  it('says whether a release is a draft or under embargo', () => {
    const seed = readRepoFile(seedPath).toString('utf8')
    const embargoed = seed.replace('date: 2026-02-18\n', 'date: 2026-02-18\nembargo: 2026-02-18T10:00:00+07:00\ndraft: true\n')
    const [entry] = checkTexts({[seedPath]: embargoed}, config)
    const status = (now?: Date) => textOf(findElements(parseHtml(renderPreview(entry!, config, {assets, now})), (e) => classes(e).includes('status'))[0]!)
    expect(status()).toBe('Draft: not published · Embargo until 2026-02-18T10:00:00+07:00')
    expect(status(new Date('2026-02-18T02:00:00Z'))).toBe('Draft: not published · Embargoed until 2026-02-18T10:00:00+07:00')
    expect(status(new Date('2026-02-18T03:00:00Z'))).toBe('Draft: not published · Embargo passed (2026-02-18T10:00:00+07:00)')
  })

  it("shows the build's stored messages as it shows the check's", () => {
    const [entry] = checkTexts({[seedPath]: fixture('bad/amount-mismatch')}, config)
    const stored = {release: entry!.release, file: {messages: storeMessages(entry!.file, new Set())}}
    expect(renderPreview(stored, config, {assets})).toBe(renderPreview(entry!, config, {assets}))
  })

  it('splits a reason into the problem and its fix', () => {
    expect(splitReason('Reference `No.10 PR-26/EoJ` does not follow `No. {n} PR-{yy}/EoJ`; write `No. 10 PR-26/EoJ`')).toEqual({
      problem: 'Reference `No.10 PR-26/EoJ` does not follow `No. {n} PR-{yy}/EoJ`',
      fix: 'write `No. 10 PR-26/EoJ`'
    })
    expect(splitReason('Something is wrong')).toEqual({problem: 'Something is wrong', fix: null})
  })

  it('places a message in the innermost block containing it, else in the header', () => {
    const [entry] = checkTexts({[seedPath]: readRepoFile(seedPath).toString('utf8')}, config)
    const rows = previewRows(entry!.release)
    const at = (line: number, column: number) => ({line, column, reason: 'x'}) as never
    const {byBlock, general} = placeMessages([at(2, 1), at(7, 5), at(21, 40), at(23, 3), at(18, 1)], rows)
    expect([...byBlock.keys()].sort()).toEqual(['b0-en', 'b1-km', 'b2-km'].sort())
    expect(general.map((m) => m.line)).toEqual([2, 18])
  })
})
