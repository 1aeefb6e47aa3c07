import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import type {Element, Root} from 'hast'
import {HtmlValidate} from 'html-validate'
import {beforeAll, describe, expect, it} from 'vitest'
import {storeMessages} from '../diagnostic/message.js'
import {namedStates} from '../fuzz/states.js'
import {pairUnits, sectionUnits} from '../release/pairing.js'
import {findElements, parseHtml, textOf} from '../test/hast.js'
import {checkTexts, projectConfig, readRepoFile, repoRoot, seedPath} from '../test/project.js'
import {loadPreviewAssets} from './assets.js'
import {placeMessages, previewRows} from './blocks.js'
import {renderPreview, renderPreviewList, splitReason, type PreviewAssets} from './render-preview.js'

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



const classes = (element: Element) => element.properties.className ?? []
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

describe('the preview of state and spacing', () => {
  const seed = readRepoFile(seedPath).toString('utf8')

  it('marks the exact characters of each spacing warning, the same with the check’s messages or the build’s stored ones', () => {
    // The seed writes a space before ។ twice; a doubled space after escaped text is added.
    const text = seed.replace('ដល់អង្គការពលកម្មអន្តរជាតិ (ILO)', 'ដល់អង្គការ\\*ពលកម្មអន្តរជាតិ  (ILO)')
    const [entry] = checkTexts({[seedPath]: text}, config)
    const spacing = entry!.file.messages.filter((m) => m.ruleId === 'khmer-spacing')
    expect(spacing.length).toBe(3)
    for (const render of [
      () => renderPreview(entry!, config, {assets}),
      () => renderPreview({release: entry!.release, file: {messages: storeMessages(entry!.file, new Set()), value: text}}, config, {assets})
    ]) {
      const root = parseHtml(render())
      const marks = findElements(root, (e) => e.tagName === 'mark' && classes(e).includes('issue') && e.properties.dataRule !== undefined)
      expect(marks.map((m) => [textOf(m), m.properties.dataRule, m.properties.dataShow])).toEqual([
        ['  ', 'khmer-spacing', '␣␣'],
        [' ', 'khmer-spacing', '␣'],
        [' ', 'khmer-spacing', '␣']
      ])
      // Each mark holds what the message's range holds in the file, and says why on hover.
      spacing.forEach((message, i) => {
        const place = message.place as {start: {offset: number}; end: {offset: number}}
        expect(textOf(marks[i]!)).toBe(text.slice(place.start.offset, place.end.offset))
        expect(marks[i]!.properties.title).toBe(message.reason)
      })
      // The mark before ។ is followed by ។ in the page's text.
      const cell = findElements(root, (e) => e.properties.id === 'b1-km')[0]!
      expect(textOf(cell)).toContain('(ILO) ។')
    }
  })

  it('without the file’s text, marks only what it can place exactly', () => {
    const text = seed.replace('ដល់អង្គការពលកម្មអន្តរជាតិ (ILO)', 'ដល់អង្គការ\\*ពលកម្មអន្តរជាតិ  (ILO)')
    const [entry] = checkTexts({[seedPath]: text}, config)
    const html = renderPreview({release: entry!.release, file: {messages: storeMessages(entry!.file, new Set())}}, config, {assets})
    const marks = findElements(parseHtml(html), (e) => e.tagName === 'mark' && classes(e).includes('issue') && e.properties.dataRule !== undefined)
    // The paragraph with the escape is left unmarked (its note still stands beside it); the other is exact.
    expect(marks.map(textOf)).toEqual([' '])
    expect(findElements(parseHtml(html), (e) => classes(e).includes('diagnostic') && e.properties.dataRule === 'khmer-spacing').length).toBe(3)
  })

  it('says "has errors", not "To be published", for a release with errors; counts are coloured by kind', () => {
    const status = (text: string) => {
      const [entry] = checkTexts({[seedPath]: text}, config)
      const root = parseHtml(renderPreview(entry!, config, {assets}))
      const state = findElements(root, (e) => classes(e).includes('state'))[0]!
      const counts = findElements(root, (e) => classes(e).includes('count'))
      return {state: [textOf(state), classes(state)], counts: counts.map((e) => [textOf(e), classes(e)])}
    }
    expect(status(fixture('bad/amount-mismatch'))).toEqual({
      state: ['Has errors: 1 error to fix before it can be published', ['state', 'has-errors']],
      counts: [
        ['1 error', ['count', 'errors']],
        ['3 warnings', ['count', 'warnings']]
      ]
    })
    expect(status(seed)).toEqual({
      state: ['To be published', ['state', 'ready']],
      counts: [
        ['0 errors', ['count', 'errors', 'none']],
        ['3 warnings', ['count', 'warnings']]
      ]
    })
  })

  it('lists releases newest first, each with its state and coloured counts', () => {
    const release = (ref: string, date: string, body = seed) => body.replace('No. 10 PR-26/EoJ', ref).replace('2026-02-18', date)
    const entries = checkTexts(
      {
        'releases/2025/031-old.md': release('No. 31 PR-25/EoJ', '2025-12-30'),
        [seedPath]: seed,
        'releases/2026/012-same-day.md': release('No. 12 PR-26/EoJ', '2026-02-18'),
        'releases/2026/011-broken.md': release('No. 11 PR-26/EoJ', '2026-03-02', fixture('bad/amount-mismatch')),
        'releases/2026/013-undated.md': release('No. 13 PR-26/EoJ', 'someday')
      },
      config
    )
    const html = renderPreviewList(
      entries.map((entry) => ({name: entry.release.path.replace(/\W+/g, '-'), entry})),
      config,
      {assets}
    )
    const items = findElements(parseHtml(html), (e) => classes(e).includes('release'))
    const pathOf = (item: Element) => textOf(findElements(item, (e) => classes(e).includes('path'))[0]!)
    expect(items.map(pathOf)).toEqual([
      'releases/2026/011-broken.md',
      'releases/2026/012-same-day.md',
      seedPath,
      'releases/2025/031-old.md',
      'releases/2026/013-undated.md'
    ])
    const broken = items[0]!
    expect(classes(broken)).toContain('has-error')
    expect(textOf(findElements(broken, (e) => classes(e).includes('state'))[0]!)).toMatch(/^Has errors/)
    expect(findElements(broken, (e) => classes(e).includes('count')).map((e) => [textOf(e), classes(e)])).toEqual([
      ['1 error', ['count', 'errors']],
      ['3 warnings', ['count', 'warnings']]
    ])
    expect(textOf(findElements(items[1]!, (e) => classes(e).includes('state'))[0]!)).toBe('To be published')
  })
})

describe('the preview of releases in unfinished states', () => {
  it('shows every unit and every diagnostic of each state, a unit without a twin beside an empty cell', () => {
    for (const state of namedStates().filter((candidate) => candidate.text.length < 200_000)) {
      const [entry] = checkTexts({[state.path]: state.text}, config)
      const root = parseHtml(renderPreview(entry!, config, {assets}))
      const cells = findElements(root, (e) => classes(e).includes('cell') && typeof e.properties.dataLines === 'string')
      const shown = (lang: string) => cells.filter((cell) => cell.properties.lang === lang).map((cell) => Number(String(cell.properties.dataLines).split('-')[0]))
      // The headline's line, then every unit's, each once.
      for (const lang of ['en', 'km'] as const) expect(shown(lang).slice(state.absent.includes(lang) || state.empty.includes(lang) ? 0 : 1), `${state.name} ${lang}`).toEqual(state.lines[lang])
      const missing = findElements(root, (e) => classes(e).includes('missing'))
      // An empty cell for each unit without a twin; with one section gone, for each unit and the headline of the other.
      const alone = state.absent.length + state.empty.length > 0 ? state.lines.en.length + state.lines.km.length + 1 : state.missing.en.length + state.missing.km.length
      expect(missing.length, state.name).toBe(alone)
      expect(findElements(root, (e) => classes(e).includes('diagnostic')).length, state.name).toBe(entry!.file.messages.length)
    }
  })
})
