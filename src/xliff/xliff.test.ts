import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {indexMemory} from '../memory/lookup.js'
import {updateMemory} from '../memory/memory.js'
import {parseRelease} from '../release/parse.js'
import {sectionUnits} from '../release/pairing.js'
import {plainText} from '../release/text.js'
import {archive} from '../test/archive.js'
import {checkTexts, projectConfig} from '../test/project.js'
import {exportXliff} from './export.js'
import {ImportError, importXliff} from './import.js'
import {readXliff, XliffReadError} from './read.js'

const config = projectConfig()
const runs = Number(process.env.FUZZ_RUNS ?? 300)
const encode = (text: string) => new TextEncoder().encode(text)

function read(file: string, text: string) {
  const {release, file: vfile} = parseRelease(file, encode(text))
  return {release, source: String(vfile.value)}
}

const exported = (file: string, text: string) => exportXliff(read(file, text).release, {version: 'test', source: read(file, text).source}).xml
const imported = (file: string, text: string, xliff: string) => {
  const {release, source} = read(file, text)
  return importXliff(release, source, readXliff(encode(xliff)))
}

/** Fills every trans-unit's target (by id) as a CAT tool writes it, keeping the rest of the file. */
function translate(xliff: string, targets: Record<string, string>): string {
  return xliff.replace(/(<trans-unit id="(\d+)"[^>]*>\s*<source>[\s\S]*?<\/source>)(\s*<target[^>]*>[\s\S]*?<\/target>)?/g, (whole: string, head: string, id: string) =>
    targets[id] === undefined ? whole : `${head}\n        <target xml:lang="km" state="translated">${targets[id]}</target>`
  )
}

const header = (n: number) => `---\nref: No. ${n} PR-26/EoJ\ndate: 2026-03-02\n---\n`

const formatted = `${header(6)}# English

## Japan and *Cambodia* Sign an Agreement

The **Government of Japan** and the [Ministry of Education](https://www.moeys.gov.kh/) signed an agreement.\\
It covers 12 schools.

- Recipient: *UNICEF*
- Amount: US$40,000

# ខ្មែរ

## ជប៉ុន និង *កម្ពុជា* ចុះហត្ថលេខាលើកិច្ចព្រមព្រៀង

**រដ្ឋាភិបាលជប៉ុន** និង[ក្រសួងអប់រំ](https://www.moeys.gov.kh/km/) បានចុះហត្ថលេខាលើកិច្ចព្រមព្រៀង។\\
វាគ្របដណ្តប់សាលារៀនចំនួន ១២។

- ស្ថាប័នទទួល៖ *UNICEF*
- ទឹកប្រាក់៖ ៤០,០០០ ដុល្លារអាមេរិក
`

describe('xliff export', () => {
  it('writes each English block as a trans-unit, formatting as g and x, never Markdown', () => {
    const xml = exported('releases/2026/006-agreement.md', formatted)
    const units = [...xml.matchAll(/<trans-unit id="(\d+)" resname="(\w+)"/g)].map((m) => [m[1], m[2]])
    expect(units).toEqual([['1', 'headline'], ['2', 'paragraph'], ['3', 'item'], ['4', 'item']])
    expect(xml).toContain('<source>Japan and <g id="1" ctype="italic">Cambodia</g> Sign an Agreement</source>')
    expect(xml).toContain(
      '<source>The <g id="1" ctype="bold">Government of Japan</g> and the <g id="2" ctype="link">Ministry of Education</g> signed an agreement.<x id="3" ctype="lb" />It covers 12 schools.</source>'
    )
    // The Khmer's codes take the ids of the English ones of the same kind.
    expect(xml).toContain(
      '<target xml:lang="km" state="translated"><g id="1" ctype="bold">រដ្ឋាភិបាលជប៉ុន</g> និង<g id="2" ctype="link">ក្រសួងអប់រំ</g> បានចុះហត្ថលេខាលើកិច្ចព្រមព្រៀង។<x id="3" ctype="lb" />វាគ្របដណ្តប់សាលារៀនចំនួន ១២។</target>'
    )
    expect(xml).toContain('<note from="pressroom" annotates="source">Tag 2 is a link to https://www.moeys.gov.kh/</note>')
    for (const part of xml.match(/<(source|target)[^>]*>[\s\S]*?<\/\1>/g)!) {
      const text = part.replace(/<[^>]+>/g, '')
      expect(text, part).not.toMatch(/\*\*|\*[^\s*]|\]\(|\\$|^#{1,3} |^- /m)
    }
  })

  it('offers exact translations from earlier releases as alt-trans, and the Khmer as it stands as the previous version', () => {
    const sources = Object.entries(archive).map(([file, text]) => read(file, text))
    const index = indexMemory(updateMemory(null, sources, config.glossary).memory, {glossary: config.glossary, khmerDigits: 'khmer'})
    const current = sources.find((s) => s.release.path === 'releases/2026/005-wells-pursat.md')!
    const result = exportXliff(current.release, {version: 'test', source: current.source, index})
    expect(result).toMatchObject({units: 5, translated: 0, matches: 1})
    expect(result.xml).toContain(
      '<alt-trans match-quality="100" origin="No. 4 PR-26/EoJ, 2026-01-15 (releases/2026/004-food-wfp.md)"><source>For more information, please contact the Embassy of Japan.</source><target xml:lang="km">សម្រាប់ព័ត៌មានបន្ថែម សូមទាក់ទងស្ថានទូតជប៉ុន។</target></alt-trans>'
    )
    // Placeholders are not offered as targets, but kept as what the release held.
    expect(result.xml).not.toMatch(/<target xml:lang="km" state="translated">TODO/)
    expect(result.xml).toContain('<alt-trans alt-trans-type="previous-version" origin="pressroom: the Khmer of the release when this file was made"><target xml:lang="km">TODO ចំណងជើងខ្មែរ</target></alt-trans>')
  })
})

describe('xliff import', () => {
  it('gives the same bytes back when the targets are unchanged (LF, CRLF, byte order mark)', () => {
    for (const text of [formatted, formatted.replace(/\n/g, '\r\n'), `\uFEFF${formatted}`]) {
      const xml = exported('releases/2026/006-agreement.md', text)
      const result = imported('releases/2026/006-agreement.md', text, xml)
      expect(result.unchanged).toBe(4)
      expect(result.text).toBe(read('releases/2026/006-agreement.md', text).source)
    }
  })

  it('writes new targets inside the blocks, keeping markers, formatting and the rest of the file', () => {
    const xml = translate(exported('releases/2026/006-agreement.md', formatted), {
      1: 'ជប៉ុន និង<g id="1" ctype="italic">កម្ពុជា</g>ចុះហត្ថលេខាលើកិច្ចព្រមព្រៀងថ្មី',
      3: 'អ្នកទទួល៖ <g id="1">UNICEF</g>'
    })
    const result = imported('releases/2026/006-agreement.md', formatted, xml)
    expect(result).toMatchObject({replaced: 2, added: 0, unchanged: 2})
    expect(result.text).toBe(
      formatted.replace('## ជប៉ុន និង *កម្ពុជា* ចុះហត្ថលេខាលើកិច្ចព្រមព្រៀង', '## ជប៉ុន និង*កម្ពុជា*ចុះហត្ថលេខាលើកិច្ចព្រមព្រៀងថ្មី').replace('- ស្ថាប័នទទួល៖ *UNICEF*', '- អ្នកទទួល៖ *UNICEF*')
    )
  })

  it('a link or a line break in a target comes back as Markdown, the link to the Khmer address', () => {
    const xml = translate(exported('releases/2026/006-agreement.md', formatted), {
      2: '<g id="1" ctype="bold">រដ្ឋាភិបាលជប៉ុន</g> និង <g id="2" ctype="link">ក្រសួងអប់រំ យុវជន និងកីឡា</g> បានចុះហត្ថលេខា។<x id="3" ctype="lb"/>គម្រោងនេះគ្របដណ្តប់សាលារៀនចំនួន ១២។'
    })
    const {text} = imported('releases/2026/006-agreement.md', formatted, xml)
    expect(text).toContain('**រដ្ឋាភិបាលជប៉ុន** និង [ក្រសួងអប់រំ យុវជន និងកីឡា](https://www.moeys.gov.kh/km/) បានចុះហត្ថលេខា។\\\nគម្រោងនេះគ្របដណ្តប់សាលារៀនចំនួន ១២។')
  })

  const english = `${header(7)}# English

## Japan Supports Schools in Pursat

The Government of Japan will provide US$80,000 to the school.

### The project

- 300 desks
- 40 computers

> Education is the future, said the Ambassador of Japan.

For more information, please contact the Embassy of Japan.
`
  const khmer = {
    1: 'ជប៉ុនគាំទ្រសាលារៀននៅខេត្តពោធិ៍សាត់',
    2: 'រដ្ឋាភិបាលជប៉ុននឹងផ្តល់ថវិកាចំនួន ៨០,០០០ ដុល្លារអាមេរិក ដល់សាលារៀន។',
    3: 'គម្រោង',
    4: 'តុរៀន ៣០០',
    5: 'កុំព្យូទ័រ ៤០',
    6: 'ឯកអគ្គរាជទូតជប៉ុនបានមានប្រសាសន៍ថា ការអប់រំគឺជាអនាគត។',
    7: 'សម្រាប់ព័ត៌មានបន្ថែម សូមទាក់ទងស្ថានទូតជប៉ុន។'
  }
  const khmerBlocks = (text: string) => {
    const {release} = read('releases/2026/007-schools.md', text)
    const km = release.sections.km!
    return [`headline:${km.headline ? plainText(km.headline.children) : ''}`, ...sectionUnits(km).map((unit) => `${unit.kind}:${unit.text}`)]
  }
  const wanted = ['headline:ជប៉ុនគាំទ្រសាលារៀននៅខេត្តពោធិ៍សាត់', `paragraph:${khmer[2]}`, 'subhead:គម្រោង', 'item:តុរៀន ៣០០', 'item:កុំព្យូទ័រ ៤០', `quote:${khmer[6]}`, `paragraph:${khmer[7]}`]

  it('builds the Khmer of a release in every unfinished state, with the English structure, and the result passes check', () => {
    const states = {
      'English only, no Khmer section': english,
      'an empty Khmer section': `${english}\n# ខ្មែរ\n`,
      'the scaffold of pressroom new': `${english}\n# ខ្មែរ\n\n## TODO ចំណងជើងខ្មែរ\n\nTODO អត្ថបទខ្មែរ។\n`,
      'half translated': `${english}\n# ខ្មែរ\n\n## ${khmer[1]}\n\n${khmer[2]}\n\n### ${khmer[3]}\n\n- ${khmer[4]}\n`,
      'CRLF and half translated': `${english}\n# ខ្មែរ\n\n## ${khmer[1]}\n\n${khmer[2]}\n\n- ${khmer[4]}\n`.replace(/\n/g, '\r\n')
    }
    for (const [state, text] of Object.entries(states)) {
      const xml = translate(exported('releases/2026/007-schools.md', text), khmer)
      const result = imported('releases/2026/007-schools.md', text, xml)
      expect(khmerBlocks(result.text), state).toEqual(wanted)
      expect(result.text.startsWith(read('releases/2026/007-schools.md', text).source.split('# ខ្មែរ')[0]!.replace(/\r?\n$/, '')), state).toBe(true)
      if (state.startsWith('CRLF')) expect(result.text.replace(/\r\n/g, '')).not.toContain('\n')
      const [entry] = checkTexts({'releases/2026/007-schools.md': result.text}, config)
      const problems = entry!.file.messages.filter((m) => m.fatal || ['structure-parity', 'glossary', 'untranslated', 'number-mismatch'].includes(m.ruleId ?? ''))
      expect(problems.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`), state).toEqual([])
      // Importing the same file again changes nothing.
      const again = imported('releases/2026/007-schools.md', result.text, translate(exported('releases/2026/007-schools.md', result.text), khmer))
      expect(again.text).toBe(result.text)
    }
  })

  it('keeps Khmer the English lacks, and removes only placeholders', () => {
    const short = `${header(9)}# English\n\n## Japan Supports Schools\n\nThe Government of Japan will provide US$80,000 to the school.\n\n# ខ្មែរ\n\n## ជប៉ុនគាំទ្រសាលារៀន\n\n`
    const note = 'កំណត់សម្គាល់៖ ព័ត៌មានលម្អិតនឹងត្រូវប្រកាសនៅពេលក្រោយ។'
    const text = `${short}${khmer[2]}\n\n${note}\n`
    const xml = exported('releases/2026/009-schools.md', text)
    // Whichever Khmer paragraph is the target, the other one stays as it is.
    const target = /<trans-unit id="2"[\s\S]*?<target[^>]*>([^<]*)<\/target>/.exec(xml)![1]!
    const other = target === note ? khmer[2] : note
    const result = imported('releases/2026/009-schools.md', text, translate(xml, {2: 'រដ្ឋាភិបាលជប៉ុននឹងផ្តល់ ៨០,០០០ ដុល្លារអាមេរិក ដល់សាលារៀននេះ។'}))
    expect(result.replaced).toBe(1)
    expect(result.text).toContain(`\n${other}\n`)
    expect(result.text).toContain('រដ្ឋាភិបាលជប៉ុននឹងផ្តល់ ៨០,០០០ ដុល្លារអាមេរិក ដល់សាលារៀននេះ។')
    // A placeholder with no English counterpart gives way to the translation.
    const placeholder = `${short}${khmer[2]}\n\n- TODO កំណត់សម្គាល់\n`
    const cleaned = imported('releases/2026/009-schools.md', placeholder, translate(exported('releases/2026/009-schools.md', placeholder), {1: 'ជប៉ុនគាំទ្រសាលារៀនថ្មី'}))
    expect(cleaned.removed).toEqual(['TODO កំណត់សម្គាល់'])
    expect(cleaned.text).toBe(`${short.replace('## ជប៉ុនគាំទ្រសាលារៀន', '## ជប៉ុនគាំទ្រសាលារៀនថ្មី')}${khmer[2]}\n`)
  })

  it('leaves units without a target or with the English copied, and says how many', () => {
    const copy = {...khmer, 2: 'The Government of Japan will provide US$80,000 to the school.'} as Record<string, string>
    delete copy[7]
    const result = imported('releases/2026/007-schools.md', english, translate(exported('releases/2026/007-schools.md', english), copy))
    expect(result).toMatchObject({copied: 1, untranslated: 1, added: 5})
    expect(result.text).not.toContain('The Government of Japan will provide US$80,000 to the school.\n\n- ')
  })

  it('refuses a file made from another version of the English, naming where it differs', () => {
    const xml = translate(exported('releases/2026/007-schools.md', english), khmer)
    const edited = english.replace('US$80,000 to the school', 'US$85,000 to the school')
    expect(() => imported('releases/2026/007-schools.md', edited, xml)).toThrow(
      /releases\/2026\/007-schools\.md:9: the English there reads “The Government of Japan will provide US\$85,000 to the school\.” but trans-unit 2 of this file has “The Government of Japan will provide US\$80,000 to the school\.”: the file was made from another version of the English; export it again/
    )
    expect(() => imported('releases/2026/007-schools.md', english.replace('- 40 computers\n', '- 40 computers\n- 10 printers\n'), xml)).toThrow(
      /this file has 7 trans-units but the release's English has 8 headline and blocks/
    )
    // White space and formatting alone are not a new version.
    expect(imported('releases/2026/007-schools.md', english.replace('to the school', 'to  the *school*'), xml).added).toBe(7)
  })

  it('refuses a file whose Khmer was changed in the release since it was made', () => {
    const text = `${english}\n# ខ្មែរ\n\n## ${khmer[1]}\n\n${khmer[2]}\n`
    const xml = translate(exported('releases/2026/007-schools.md', text), {...khmer, 2: 'រដ្ឋាភិបាលជប៉ុននឹងផ្តល់ ៨០,០០០ ដុល្លារអាមេរិក ដល់សាលា។'})
    const meanwhile = text.replace(khmer[2], 'រដ្ឋាភិបាលជប៉ុននឹងផ្តល់ថវិកា ៨០,០០០ ដុល្លារអាមេរិក ដល់សាលារៀនមួយ។')
    expect(() => imported('releases/2026/007-schools.md', meanwhile, xml)).toThrow(ImportError)
    expect(() => imported('releases/2026/007-schools.md', meanwhile, xml)).toThrow(/trans-unit 2: the Khmer at line 24 was changed in the release after this file was made/)
  })

  it('reads XLIFF as CAT tools write it: BOM, CRLF, a prefix, mrk segments around and inside g, bx/ex, states, UTF-16', () => {
    const text = `${english}\n# ខ្មែរ\n`
    const units = [
      ['Japan Supports Schools in Pursat', `<mrk mtype="seg" mid="1">${khmer[1]}</mrk>`],
      [
        'The Government of Japan will provide US$80,000 to the school.',
        '<mrk mtype="seg" mid="2"><g id="9" ctype="x-bold">រដ្ឋាភិបាលជប៉ុន</g>នឹងផ្តល់ថវិកាចំនួន ៨០,០០០ ដុល្លារអាមេរិក ដល់សាលារៀន។</mrk>'
      ],
      ['The project', `<g id="5" ctype="bold"><mrk mtype="seg" mid="3">${khmer[3]}</mrk></g>`],
      ['300 desks', `<bx id="5" rid="1" ctype="italic"/>តុរៀន<ex id="6" rid="1"/> ៣០០`],
      ['40 computers', khmer[5]],
      ['Education is the future, said the Ambassador of Japan.', khmer[6].replace('ការអប់រំ', '&#x1780;&#x17B6;&#x179A;&#x17A2;&#x1794;&#x17CB;&#x179A;&#x17C6;')],
      ['For more information, please contact the Embassy of Japan.', khmer[7]]
    ]
    const body = units
      .map(
        ([source, target], i) =>
          `<xlf:trans-unit id="tu${i + 1}" approved="yes">\r\n<xlf:source>${source}</xlf:source>\r\n<xlf:seg-source><xlf:mrk mtype="seg" mid="${i + 1}">${source}</xlf:mrk></xlf:seg-source>\r\n<xlf:target state="${i % 2 ? 'needs-review-translation' : 'final'}" state-qualifier="exact-match">${target!.replace(/<(\/?)(mrk|g|bx|ex)/g, '<$1xlf:$2')}</xlf:target>\r\n</xlf:trans-unit>`
      )
      .join('\r\n')
    const xliff = `<?xml version="1.0" encoding="UTF-8"?>\r\n<xlf:xliff xmlns:xlf="urn:oasis:names:tc:xliff:document:1.2" version="1.2">\r\n<xlf:file original="releases/2026/007-schools.md" source-language="en-US" target-language="km-KH" datatype="plaintext">\r\n<xlf:body>\r\n<xlf:group id="g1">\r\n${body}\r\n</xlf:group>\r\n</xlf:body>\r\n</xlf:file>\r\n</xlf:xliff>\r\n`
    const {release, source} = read('releases/2026/007-schools.md', text)
    for (const bytes of [encode(`\uFEFF${xliff}`), new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(xliff.replace('UTF-8', 'UTF-16'), 'utf16le'))])]) {
      const file = readXliff(bytes)
      expect(file.originals).toEqual(['releases/2026/007-schools.md'])
      expect(file.targetLanguage).toBe('km-KH')
      const result = importXliff(release, source, file)
      expect(result.added).toBe(7)
      expect(khmerBlocks(result.text)).toEqual([
        ...wanted.slice(0, 3),
        'item:តុរៀន ៣០០',
        ...wanted.slice(4)
      ])
      expect(result.text).toContain('**រដ្ឋាភិបាលជប៉ុន**នឹងផ្តល់')
      expect(result.text).toContain('- *តុរៀន* ៣០០')
      expect(result.text).toContain('### **គម្រោង**')
    }
  })

  it('says what is wrong with a file it cannot take', () => {
    const text = `${english}\n# ខ្មែរ\n`
    const xml = exported('releases/2026/007-schools.md', text)
    expect(() => readXliff(encode(xml.replace('</source>', '</sourc>')))).toThrow(/^line \d+, column \d+: /)
    expect(() => readXliff(encode('<html/>'))).toThrow('this is not an XLIFF file')
    expect(() => readXliff(new Uint8Array([0x3c, 0x61, 0xff, 0x3e]))).toThrow(XliffReadError)
    const ph = translate(xml, {2: 'ជប៉ុន<ph id="1">&lt;br/&gt;</ph>'})
    expect(() => readXliff(encode(ph))).toThrow(/trans-unit 2: <ph> is not something pressroom can write into a release/)
    const unknown = translate(xml, {2: 'ជប៉ុន<g id="7" ctype="link">តំណ</g>'})
    expect(() => imported('releases/2026/007-schools.md', text, unknown)).toThrow(/trans-unit 2: <g id="7" ctype="link"> has no address/)
    const heading = translate(xml, {1: 'ជប៉ុន<x id="1" ctype="lb"/>គាំទ្រ'})
    expect(() => imported('releases/2026/007-schools.md', text, heading)).toThrow(/trans-unit 1: a heading cannot hold a line break/)
    const crossed = translate(xml, {2: '<bx id="1" rid="1"/>ក<bx id="2" rid="2"/>ខ<ex id="3" rid="1"/>គ<ex id="4" rid="2"/>'})
    expect(() => readXliff(encode(crossed))).toThrow(/formatting opened and closed out of order/)
  })

  it('round-trips any structure: export, then import of the unchanged file, gives the same bytes', () => {
    const word = fc.constantFrom('Japan', 'schools', 'US$5,000', '*', '_', '[', '#', '1.', '-', '&', '<b>', 'ជប៉ុន', 'សាលា', '៥,០០០', '។', 'ILO')
    const inline = fc.tuple(fc.array(word, {minLength: 1, maxLength: 6}), fc.constantFrom('', '*', '**')).map(([words, mark]) => {
      const text = words.join(' ').replace(/([*_[\]#&<\\-])/g, '\\$1').replace(/^(\d)\./, '$1\\.')
      return mark ? `${mark}${text}${mark}` : text
    })
    const block = fc.oneof(
      inline,
      inline.map((text) => `### ${text}`),
      fc.array(inline, {minLength: 1, maxLength: 3}).map((items) => items.map((item) => `- ${item}`).join('\n')),
      inline.map((text) => `> ${text}`),
      fc.tuple(inline, inline).map(([a, b]) => `${a}\\\n${b}`)
    )
    const section = fc.array(block, {minLength: 0, maxLength: 5})
    fc.assert(
      fc.property(section, section, fc.constantFrom('\n', '\r\n'), fc.boolean(), (en, km, eol, bom) => {
        const text = `${bom ? '\uFEFF' : ''}${header(8)}# English\n\n## Headline *one*\n\n${en.join('\n\n')}\n\n# ខ្មែរ\n\n## ចំណងជើង\n\n${km.join('\n\n')}\n`.replace(/\n/g, eol)
        const {release, source} = read('releases/2026/008-any.md', text)
        const xml = exportXliff(release, {version: 'test', source}).xml
        const result = importXliff(release, source, readXliff(encode(xml)))
        expect(result.replaced + result.added).toBe(0)
        expect(result.text).toBe(source)
      }),
      {numRuns: Math.ceil(runs / 3)}
    )
  })
})
