import {simpleParser} from 'mailparser'
import {expect, test} from 'vitest'
import {releaseIdentity} from '../../release/identity.js'
import {parseRelease} from '../../release/parse.js'
import {projectConfig, repoRoot} from '../../test/project.js'
import {composeEmail} from './compose.js'
import {renderPlainText} from './plain-text.js'
import {loadEmailTemplate} from './template.js'

const source = `---
ref: No. 11 PR-26/EoJ
date: 2026-03-02
---
# ខ្មែរ

## ឯកឧត្តម ឯកអគ្គរាជទូត ជួបរដ្ឋមន្ត្រី

សេចក្តីប្រកាសព័ត៌មាន **ស្ថានទូត** ជប៉ុន។

# English

## Ambassador Meets the Minister

From Tokyo, the Ambassador said:

> We will *keep* working together with [the ILO](https://www.ilo.org/) on
> employment.
>
> Thank you.

### Programme

3. Opening\\
   remarks
4. Signing
   - first copy
   - second copy

Line one\\
line two
`

test('the text part carries lists, quotes, subheads, links and hard breaks, read back by a flowed-aware parser', async () => {
  const config = projectConfig()
  const {release, file} = parseRelease('releases/2026/011-ambassador.md', new TextEncoder().encode(source))
  expect(file.messages.filter((m) => m.fatal)).toEqual([])
  const {eml} = await composeEmail({release, identity: releaseIdentity(release, config)!, config, template: await loadEmailTemplate(repoRoot)})
  const text = (await simpleParser(eml)).text!
  // Sections in the order written (Khmer first here), each under its letterhead lines.
  expect(text.indexOf('ស្ថានទូតជប៉ុនប្រចាំកម្ពុជា\nសេចក្តីប្រកាសព័ត៌មាន\nNo. 11 PR-26/EoJ\nថ្ងៃទី២ ខែ មីនា ឆ្នាំ២០២៦\n')).toBe(0)
  expect(text).toContain('\nសេចក្តីប្រកាសព័ត៌មាន ស្ថានទូត ជប៉ុន។\n')
  const english = text.slice(text.indexOf('Embassy of Japan in Cambodia\nPRESS RELEASE'), text.lastIndexOf('\n\n* * *'))
  expect(english).toBe(
    [
      'Embassy of Japan in Cambodia',
      'PRESS RELEASE',
      'No. 11 PR-26/EoJ',
      '2 March 2026',
      '',
      'Ambassador Meets the Minister',
      '',
      'From Tokyo, the Ambassador said:',
      '',
      '> We will keep working together with the ILO <https://www.ilo.org/> on employment.',
      '>',
      '> Thank you.',
      '',
      'Programme',
      '',
      '3. Opening',
      'remarks',
      '4. Signing',
      '  - first copy',
      '  - second copy',
      '',
      'Line one',
      'line two'
    ].join('\n')
  )
  expect(text.trimEnd().endsWith('Web: http://www.kh.emb-japan.go.jp')).toBe(true)
})

test('lines end in CRLF, and only soft breaks end in a space', () => {
  const config = projectConfig()
  const {release} = parseRelease('releases/2026/011-ambassador.md', new TextEncoder().encode(source))
  const text = renderPlainText(release, config, {width: 30})
  expect(text.endsWith('\r\n')).toBe(true)
  expect(text.replace(/\r\n/gu, '')).not.toMatch(/[\r\n]/u)
  const lines = text.split('\r\n')
  expect(lines.filter((line) => line.endsWith(' ')).length).toBeGreaterThan(3)
  // A leading space is only ever stuffing (RFC 3676 §4.4), in front of what needs it.
  for (const line of lines) if (line.startsWith(' ')) expect(line.slice(1)).toMatch(/^(?: |>|From )/u)
})
