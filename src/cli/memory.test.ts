import {execFile} from 'node:child_process'
import {existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {describe, expect, it} from 'vitest'
import {updateMemory} from '../memory/memory.js'
import {parseRelease} from '../release/parse.js'
import {archive, writeArchive} from '../test/archive.js'
import {projectConfig, repoRoot} from '../test/project.js'

/**
 * `pressroom tm export` and `pressroom xliff export|import` as a translator
 * uses them, with Debian's translate-toolkit (its Python modules and its
 * xliff2po/po2xliff converters) as the other side.
 */
const run = promisify(execFile)
const cli = path.join(repoRoot, 'dist/cli/main.js')
// Debian's Python, where translate-toolkit is installed (not a virtual environment's).
const python = '/usr/bin/python3'

interface Result {
  code: number
  stdout: string
  stderr: string
}

async function exec(command: string, args: string[], cwd: string): Promise<Result> {
  try {
    const {stdout, stderr} = await run(command, args, {cwd, env: {...process.env, NO_COLOR: '1'}, maxBuffer: 1 << 26})
    return {code: 0, stdout, stderr}
  } catch (error) {
    const e = error as {code: number; stdout: string; stderr: string}
    return {code: e.code, stdout: e.stdout, stderr: e.stderr}
  }
}

const pressroom = (cwd: string, ...args: string[]) => exec(process.execPath, [cli, ...args], cwd)
const py = (cwd: string, script: string) => exec(python, ['-c', script], cwd)

function project(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pressroom-tm-'))
  writeArchive(dir)
  return dir
}

const wellsPath = 'releases/2026/005-wells-pursat.md'
const khmer: Record<string, string> = {
  1: 'ជប៉ុនគាំទ្រទឹកស្អាតនៅខេត្តពោធិ៍សាត់',
  2: 'រដ្ឋាភិបាលជប៉ុននឹងផ្តល់ថវិកាចំនួន ១,២០០,០០០ ដុល្លារអាមេរិក ដល់កម្មវិធីស្បៀងអាហារពិភពលោក (WFP)។ កិច្ចសន្យាផ្តល់ជំនួយនឹងត្រូវចុះហត្ថលេខានៅថ្ងៃទី២ ខែ មីនា ឆ្នាំ២០២៦ ដោយ ឯកឧត្តម UENO Atsushi ឯកអគ្គរាជទូតវិសាមញ្ញ និងពេញសមត្ថភាពនៃប្រទេសជប៉ុនប្រចាំព្រះរាជាណាចក្រកម្ពុជា។',
  3: 'គម្រោងនេះនឹងជីកអណ្តូងចំនួន ៦០ នៅខេត្តពោធិ៍សាត់។',
  4: 'ស្ថានទូតសង្ឃឹមថា គម្រោងនេះនឹងលើកកម្ពស់សុខភាពរបស់គ្រួសារក្នុងតំបន់។',
  5: 'សម្រាប់ព័ត៌មានបន្ថែម សូមទាក់ទងស្ថានទូតជប៉ុន។'
}

describe('pressroom tm export', () => {
  it('writes TMX 1.4b that translate-toolkit reads back with every pair, its reference and date', async () => {
    const dir = project()
    const result = await pressroom(dir, 'tm', 'export', '--out', 'archive.tmx', '--all')
    expect(result.code, result.stderr).toBe(0)
    const read = await py(
      dir,
      `
import json
from translate.storage import tmx
store = tmx.tmxfile.parsefile('archive.tmx')
units = []
for unit in store.units:
    props = {p.get('type'): p.text for p in unit.xmlelement.iter('{*}prop')}
    langs = [tuv.get('{http://www.w3.org/XML/1998/namespace}lang') for tuv in unit.xmlelement.iter('{*}tuv')]
    units.append([unit.source, unit.target, props, langs])
header = store.document.getroot().find('header').attrib
print(json.dumps({'units': units, 'srclang': header['srclang'], 'version': store.document.getroot().get('version')}))
`
    )
    expect(read.code, read.stderr).toBe(0)
    const tmx = JSON.parse(read.stdout) as {units: Array<[string, string, Record<string, string>, string[]]>; srclang: string; version: string}
    expect(tmx.srclang).toBe('en')
    expect(tmx.version).toBe('1.4')
    // Every pair of the memory, in archive order, with its release's props.
    const memory = updateMemory(
      null,
      Object.entries(archive).map(([file, text]) => {
        const parsed = parseRelease(file, new TextEncoder().encode(text))
        return {release: parsed.release, source: String(parsed.file.value)}
      }), projectConfig().glossary).memory
    const expected = [...memory.releases.values()].flatMap((release) =>
      release.segments.map((segment) => [segment.en.text, segment.km.text, {'x-reference': release.ref, 'x-date': release.date, 'x-release': release.path, 'x-line': String(segment.en.line)}, ['en', 'km']])
    )
    expect(expected.length).toBe(11)
    expect(tmx.units).toEqual(expected)
    expect(result.stderr).toContain('11 pairs from 3 releases written to archive.tmx')
  })

  it('leaves out drafts and embargoed releases unless told, and says so; prints to standard output without --out', async () => {
    const dir = project()
    writeFileSync(
      path.join(dir, 'releases/2026/004-food-wfp.md'),
      archive['releases/2026/004-food-wfp.md'].replace('date: 2026-01-15\n', 'date: 2026-01-15\nembargo: 2026-01-15T10:00:00+07:00\n')
    )
    const before = await pressroom(dir, 'tm', 'export', '--now', '2026-01-15T09:00:00+07:00')
    expect(before.code, before.stderr).toBe(0)
    expect(before.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">/)
    expect(before.stdout).not.toContain('WFP')
    expect(before.stderr).toContain('left out 2 draft or embargoed releases (releases/2026/004-food-wfp.md, releases/2026/005-wells-pursat.md); --all includes them')
    const after = await pressroom(dir, 'tm', 'export', '--now', '2026-01-15T11:00:00+07:00')
    expect(after.stdout).toContain('WFP')
    // The same archive, the same bytes.
    expect((await pressroom(dir, 'tm', 'export', '--now', '2026-01-15T11:00:00+07:00')).stdout).toBe(after.stdout)
  })
})

describe('pressroom xliff', () => {
  it('exports XLIFF 1.2 that translate-toolkit reads, with the exact memory match as alt-trans', async () => {
    const dir = project()
    const result = await pressroom(dir, 'xliff', 'export', '2026-005', '--out', 'wells.xlf')
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toContain('releases/2026/005-wells-pursat.md: 5 trans-units, 0 with Khmer, 1 exact match from earlier releases, written to wells.xlf')
    const read = await py(
      dir,
      `
import json
from translate.storage import xliff
store = xliff.xlifffile.parsefile('wells.xlf')
print(json.dumps([[u.xmlelement.get('id'), u.source, u.target, [[a.source, a.target] for a in u.getalttrans()]] for u in store.units]))
`
    )
    expect(read.code, read.stderr).toBe(0)
    const units = JSON.parse(read.stdout) as Array<[string, string, string, string[][]]>
    expect(units.map(([id, source]) => [id, source])).toEqual([
      ['1', 'Japan Supports Clean Water in Pursat'],
      ['2', 'The Government of Japan will provide US$1,200,000 to the World Food Programme (WFP). The Grant Contract will be signed on 2 March 2026 by H.E. Mr. UENO Atsushi, Ambassador Extraordinary and Plenipotentiary of Japan to the Kingdom of Cambodia.'],
      ['3', 'The project will build 60 wells in Pursat province.'],
      ['4', 'The Embassy hopes that this project will improve the health of local families.'],
      ['5', 'For more information, please contact the Embassy of Japan.']
    ])
    expect(units[4]![3]).toContainEqual(['For more information, please contact the Embassy of Japan.', 'សម្រាប់ព័ត៌មានបន្ថែម សូមទាក់ទងស្ថានទូតជប៉ុន។'])
  })

  it('imports a file translated as a CAT tool would, writes atomically, checks, and gives the same bytes on a second round', async () => {
    const dir = project()
    await pressroom(dir, 'xliff', 'export', wellsPath, '--out', 'wells.xlf')
    // A CAT tool's save: targets with states, through lxml, as translate-toolkit writes XLIFF.
    const translate = await py(
      dir,
      `
from translate.storage import xliff
store = xliff.xlifffile.parsefile('wells.xlf')
targets = ${JSON.stringify(khmer)}
for unit in store.units:
    unit.settarget(targets[unit.xmlelement.get('id')])
    unit.markapproved(True)
store.savefile('wells.km.xlf')
`
    )
    expect(translate.code, translate.stderr).toBe(0)
    const imported = await pressroom(dir, 'xliff', 'import', 'wells.km.xlf')
    expect(imported.code, imported.stderr).toBe(0)
    expect(imported.stderr).toContain('releases/2026/005-wells-pursat.md: 2 Khmer blocks replaced, 3 added')
    expect(imported.stderr).toContain('releases/2026/005-wells-pursat.md: no issues found')
    expect(readdirSync(path.join(dir, 'releases/2026')).sort()).toEqual(['004-food-wfp.md', '005-wells-pursat.md'])
    const text = readFileSync(path.join(dir, wellsPath), 'utf8')
    expect(text.split('# ខ្មែរ')[1]).toBe(`\n\n## ${khmer[1]}\n\n${khmer[2]}\n\n${khmer[3]}\n\n${khmer[4]}\n\n${khmer[5]}\n`)
    expect((await pressroom(dir, 'check', wellsPath)).code).toBe(0)

    // Export again and import the file unchanged: the same bytes.
    await pressroom(dir, 'xliff', 'export', wellsPath, '--out', 'again.xlf')
    const again = await pressroom(dir, 'xliff', 'import', 'again.xlf')
    expect(again.code, again.stderr).toBe(0)
    expect(again.stderr).toContain('nothing to write: 5 unchanged')
    expect(readFileSync(path.join(dir, wellsPath), 'utf8')).toBe(text)
  })

  it('round-trips through PO with xliff2po and po2xliff', async () => {
    const dir = project()
    await pressroom(dir, 'xliff', 'export', wellsPath, '--out', 'wells.xlf')
    expect((await exec('/usr/bin/xliff2po', ['wells.xlf', 'wells.po'], dir)).code).toBe(0)
    const edit = await py(
      dir,
      `
from translate.storage import po
store = po.pofile.parsefile('wells.po')
targets = ${JSON.stringify(Object.values(khmer))}
units = [u for u in store.units if not u.isheader()]
assert len(units) == 5, len(units)
for unit, target in zip(units, targets):
    unit.target = target
    unit.markfuzzy(False)
store.savefile('wells.km.po')
`
    )
    expect(edit.code, edit.stderr).toBe(0)
    expect((await exec('/usr/bin/po2xliff', ['wells.km.po', 'wells.km.xlf'], dir)).code).toBe(0)
    // po2xliff names the PO file as the original: the release must be given.
    const unnamed = await pressroom(dir, 'xliff', 'import', 'wells.km.xlf')
    expect(unnamed.code).toBe(2)
    expect(unnamed.stderr).toContain('does not name its release')
    const imported = await pressroom(dir, 'xliff', 'import', 'wells.km.xlf', '--release', '2026-005')
    expect(imported.code, imported.stderr).toBe(0)
    expect(readFileSync(path.join(dir, wellsPath), 'utf8')).toContain(`## ${khmer[1]}\n\n${khmer[2]}\n\n${khmer[3]}`)
    // And back again: the translated release through PO, unchanged, leaves it as it is.
    const text = readFileSync(path.join(dir, wellsPath))
    await pressroom(dir, 'xliff', 'export', wellsPath, '--out', 'w2.xlf')
    await exec('/usr/bin/xliff2po', ['w2.xlf', 'w2.po'], dir)
    await exec('/usr/bin/po2xliff', ['w2.po', 'w2.back.xlf'], dir)
    const unchanged = await pressroom(dir, 'xliff', 'import', 'w2.back.xlf', '--release', wellsPath)
    expect(unchanged.code, unchanged.stderr).toBe(0)
    expect(readFileSync(path.join(dir, wellsPath)).equals(text)).toBe(true)
  })

  it('refuses a stale file and writes nothing; reports errors of the imported release with exit code 1', async () => {
    const dir = project()
    await pressroom(dir, 'xliff', 'export', wellsPath, '--out', 'wells.xlf')
    const release = path.join(dir, wellsPath)
    const xlf = readFileSync(path.join(dir, 'wells.xlf'), 'utf8')
    const translated = xlf.replace(/(<trans-unit id="(\d)"[^>]*>\s*<source>[\s\S]*?<\/source>)/g, (_, head: string, id: string) => `${head}<target>${khmer[id]!.replace('១,២០០,០០០', '១,០០០,០០០')}</target>`)
    writeFileSync(path.join(dir, 'wells.km.xlf'), translated)
    const edited = readFileSync(release, 'utf8').replace('60 wells', '65 wells')
    writeFileSync(release, edited)
    const stale = await pressroom(dir, 'xliff', 'import', 'wells.km.xlf')
    expect(stale.code).toBe(2)
    expect(stale.stderr).toContain('releases/2026/005-wells-pursat.md:12: the English there reads “The project will build 65 wells in Pursat province.”')
    expect(stale.stderr).toContain('export it again with `pressroom xliff export releases/2026/005-wells-pursat.md`')
    expect(readFileSync(release, 'utf8')).toBe(edited)
    writeFileSync(release, archive[wellsPath])
    // The Khmer amount is wrong: the import is written, and check says so.
    const wrong = await pressroom(dir, 'xliff', 'import', 'wells.km.xlf')
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toMatch(/error\s+Amount `US\$1,200,000` \(USD 1,200,000\) in the English does not match the Khmer/)
    expect(existsSync(release)).toBe(true)
    expect(readdirSync(path.dirname(release)).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })
})
