import {describe, expect, it} from 'vitest'
import {checkTexts, projectConfig} from '../test/project.js'
import {excerpt} from './rules/missing-translation.js'

const config = projectConfig()

function release(body: string, frontmatter = ''): string {
  return `---\nref: No. 10 PR-26/EoJ\ndate: 2026-02-18\n${frontmatter}---\n${body}`
}

function messages(text: string, only?: string[]) {
  const [entry] = checkTexts({'releases/2026/010-state.md': text}, config)
  return entry!.file.messages
    .filter((m) => !only || only.includes(m.ruleId!))
    .map((m) => ({rule: m.ruleId, line: m.line, fatal: m.fatal, reason: m.reason}))
}

const english = `# English
## Japan provides a grant

The Government of Japan will provide a grant to the International Labour Organization for vocational training.

### Where the centres will be

The grant builds training centres in three provinces for workers returning from abroad.

- Recipient: the International Labour Organization
- Provinces: Preah Vihear, Oddar Meanchey and Pursat
`

describe('missing-translation', () => {
  it('is an error in a finished release and a warning in a draft, naming the unit and where its twin goes', () => {
    const text = (frontmatter: string) =>
      release(
        `${english}# ខ្មែរ
## ជប៉ុនផ្តល់ជំនួយ

រដ្ឋាភិបាលជប៉ុននឹងផ្តល់ជំនួយដល់អង្គការពលកម្មអន្តរជាតិ សម្រាប់ការបណ្តុះបណ្តាលវិជ្ជាជីវៈ។
`,
        frontmatter
      )
    const finished = messages(text(''), ['missing-translation'])
    expect(finished.map((m) => [m.line, m.fatal])).toEqual([
      [10, true],
      [12, true],
      [14, true],
      [15, true]
    ])
    expect(finished[0]!.reason).toBe(
      'English subhead “Where the centres will be” (line 10) has no Khmer counterpart; translate it after the Khmer paragraph “រដ្ឋាភិបាលជប៉ុននឹងផ្តល់ជំនួយ…” (line 19), or remove it'
    )
    expect(finished[2]!.reason).toMatch(/^English list item “Recipient: the International Labour Organization” \(line 14\) has no Khmer counterpart; /)
    const draft = messages(text('draft: true\n'), ['missing-translation'])
    expect(draft.map((m) => [m.line, m.fatal])).toEqual([
      [11, false],
      [13, false],
      [15, false],
      [16, false]
    ])
  })

  it('names Khmer text the English lacks, after the English unit it follows', () => {
    const found = messages(
      release(`# English
## Japan provides a grant

The Government of Japan will provide a grant to the International Labour Organization.

# ខ្មែរ
## ជប៉ុនផ្តល់ជំនួយ

រដ្ឋាភិបាលជប៉ុននឹងផ្តល់ជំនួយដល់អង្គការពលកម្មអន្តរជាតិ។

គម្រោងនេះនឹងសាងសង់មជ្ឈមណ្ឌលបណ្តុះបណ្តាលវិជ្ជាជីវៈនៅខេត្តព្រះវិហារ ខេត្តឧត្តរមានជ័យ និងខេត្តពោធិ៍សាត់ សម្រាប់ពលករដែលត្រឡប់មកពីបរទេសវិញ។
`),
      ['missing-translation']
    )
    expect(found).toHaveLength(1)
    expect(found[0]!.line).toBe(15)
    expect(found[0]!.reason).toMatch(
      /^Khmer paragraph “គម្រោងនេះ.*…” \(line 15\) has no English counterpart; translate it after the English paragraph “The Government of Japan will provide…” \(line 8\), or remove it$/
    )
  })

  it('leaves an empty section to `untranslated` (one message), and a missing headline is one message of `language-sections`, a warning in a draft', () => {
    const empty = messages(release(`${english}# ខ្មែរ\n`))
    expect(empty.filter((m) => m.rule === 'missing-translation')).toEqual([])
    expect(empty.filter((m) => m.fatal === true).map((m) => `${m.rule} ${m.reason}`)).toEqual(['untranslated The Khmer section is empty; write the Khmer text'])

    for (const [draft, fatal] of [['draft: true\n', false], ['', true]] as const) {
      const noHeadline = messages(release(`${english}# ខ្មែរ\n\nរដ្ឋាភិបាលជប៉ុននឹងផ្តល់ជំនួយ។\n`, draft))
      const headlineMessages = noHeadline.filter((m) => /headline/.test(m.reason))
      expect(headlineMessages).toEqual([
        {rule: 'language-sections', line: draft ? 17 : 16, fatal, reason: 'The Khmer section has no headline; add a `##` line right after `# ខ្មែរ`'}
      ])
    }
  })

  it('reports nothing when every unit has its twin, whatever their shape (that is structure-parity)', () => {
    const found = messages(
      release(`# English
## Japan provides a grant

The Government of Japan will provide a grant to the International Labour Organization.

Recipient: the International Labour Organization

# ខ្មែរ
## ជប៉ុនផ្តល់ជំនួយ

រដ្ឋាភិបាលជប៉ុននឹងផ្តល់ជំនួយដល់អង្គការពលកម្មអន្តរជាតិ។

- ស្ថាប័នទទួលជំនួយ៖ អង្គការពលកម្មអន្តរជាតិ
`),
      ['missing-translation', 'structure-parity']
    )
    expect(found.map((m) => m.rule)).toEqual(['structure-parity'])
  })
})

describe('excerpt', () => {
  it('takes whole words, Khmer ones found by the dictionary, with … when there is more', () => {
    expect(excerpt('Recipient: the ILO', 'en')).toBe('Recipient: the ILO')
    expect(excerpt('The Government of Japan will provide US$1,000,000 to the ILO.', 'en')).toBe('The Government of Japan will provide…')
    expect(excerpt('រដ្ឋាភិបាលជប៉ុននឹងផ្តល់ជំនួយដល់អង្គការពលកម្មអន្តរជាតិ។', 'km')).toBe('រដ្ឋាភិបាលជប៉ុននឹងផ្តល់ជំនួយ…')
    expect(excerpt('  many\n  spaces  ', 'en')).toBe('many spaces')
    expect(excerpt('Paragraph 7 of the English text, waiting for its translation.', 'en')).toBe('Paragraph 7 of the English text…')
    // A very long paragraph costs no more than its start.
    expect(excerpt(`${'word '.repeat(1_000_000)}end`, 'en')).toBe('word word word word word word…')
  })
})
