import {describe, expect, it} from 'vitest'
import {rules} from '../check/rules/index.js'
import {readRepoFile} from '../test/project.js'
import {parseConfig} from './parse.js'
import {compileReference, formatReference, parseReference} from './reference.js'

const ruleIds = rules.map((rule) => rule.id)
const shipped = readRepoFile('pressroom.yaml').toString('utf8')
const parse = (text: string) => parseConfig('pressroom.yaml', '/project', text, ruleIds)
const messages = (text: string) => parse(text).file.messages.map((m) => `${m.line}:${m.column} ${m.reason}`)

describe('parseConfig', () => {
  it('reads the shipped config', () => {
    const {config, file} = parse(shipped)
    expect(file.messages).toEqual([])
    expect(config).toMatchObject({
      organisation: {en: 'Embassy of Japan in Cambodia', km: 'ស្ថានទូតជប៉ុនប្រចាំកម្ពុជា'},
      title: {en: 'PRESS RELEASE', km: 'សេចក្តីប្រកាសព័ត៌មាន'},
      reference: 'No. {n} PR-{yy}/EoJ',
      contact: {tel: '023 217 161', email: 'info.jpn@pp.mofa.go.jp'},
      email: {to: ['press@kh.emb-japan.go.jp']},
      khmerDigits: 'khmer',
      rules: {'ref-sequence': 'warn'}
    })
    expect(config!.fonts.km.regular[0]).toBe('fonts/NotoSansKhmer-Regular.ttf')
  })

  it('names misspelled keys with a did-you-mean, at their line:column', () => {
    const text = shipped.replace('organisation:', 'organization:').replace('  tel:', '  phone:')
    const found = messages(text)
    expect(found).toContain('2:1 Unknown key `organization`; did you mean `organisation`?')
    expect(found.some((m) => /^\d+:3 Unknown key `contact\.phone`; known keys: name, tel, email, website$/.test(m))).toBe(true)
    expect(found).toContain('2:1 `organisation` is missing; add it')
    expect(parse(text).config).toBeNull()
  })

  it('rejects unknown rules and bad severities', () => {
    const found = messages(`${shipped}  ref-yaer: error\n  ref-format: loud\n`)
    expect(found.some((m) => m.includes('Unknown rule `rules.ref-yaer`; did you mean `rules.ref-year`?'))).toBe(true)
    expect(found.some((m) => m.includes('`rules.ref-format` is `loud`; use one of `off`, `warn`, `error`'))).toBe(true)
  })

  it('rejects wrong types and bad reference patterns', () => {
    expect(messages(shipped.replace(/title:\n {2}en: .*\n {2}km: .*\n/, 'title: PRESS RELEASE\n'))).toContain(
      '5:8 `title` must be a set of `key: value` lines'
    )
    expect(messages(shipped.replace('"No. {n} PR-{yy}/EoJ"', '"No. {num} PR-{yy}/EoJ"'))[0]).toMatch(/unknown placeholder `\{num\}`/)
    for (const bad of ['0', '2.5', 'many']) {
      expect(messages(shipped.replace('site:\n', `site:\n  feedEntries: ${bad}\n`))).toContain('15:16 `site.feedEntries` must be a whole number from 1 to 10000')
    }
    expect(parse(shipped.replace('site:\n', 'site:\n  feedEntries: 20\n')).config!.site.feedEntries).toBe(20)
    expect(parse(shipped).config!.site.feedEntries).toBe(50)
  })

  it('reads the office time zone, Asia/Phnom_Penh when none is given', () => {
    expect(parse(shipped).config!.timeZone).toBe('Asia/Phnom_Penh')
    expect(parse(shipped.replace(/^timeZone: .*\n/m, '')).config!.timeZone).toBe('Asia/Phnom_Penh')
    expect(parse(shipped.replace(/^timeZone: .*$/m, 'timeZone: Asia/Tokyo')).config!.timeZone).toBe('Asia/Tokyo')
    // Written in any case, kept in its canonical spelling.
    expect(parse(shipped.replace(/^timeZone: .*$/m, 'timeZone: asia/bangkok')).config!.timeZone).toBe('Asia/Bangkok')
  })

  it('rejects a time zone that is not an IANA name, suggesting the nearest one', () => {
    const line = shipped.split('\n').findIndex((l) => l.startsWith('timeZone:')) + 1
    const zone = (value: string) => messages(shipped.replace(/^timeZone: .*$/m, `timeZone: ${value}`))
    expect(zone('Asia/Phnom Penh')).toEqual([
      `${line}:11 \`timeZone\` is \`Asia/Phnom Penh\`, which is not a time zone; write an IANA name such as \`Asia/Phnom_Penh\` (did you mean \`Asia/Phnom_Penh\`?)`
    ])
    expect(zone('Phnom Penh')[0]).toContain('(did you mean `Asia/Phnom_Penh`?)')
    expect(zone('Asia/Tokio')[0]).toContain('(did you mean `Asia/Tokyo`?)')
    expect(zone("'+07:00'")[0]).toMatch(/`\+07:00`, which is not a time zone; write an IANA name such as `Asia\/Phnom_Penh`$/)
    expect(zone('7')).toEqual([`${line}:11 \`timeZone\` must be a time zone name such as \`Asia/Phnom_Penh\``])
    expect(parse(shipped.replace(/^timeZone: .*$/m, 'timeZone: Mars/Olympus')).config).toBeNull()
  })

  it('keeps a telephone number written without spaces as it is', () => {
    expect(parse(shipped.replace('tel: 023 217 161', 'tel: 023217161')).config!.contact.tel).toBe('023217161')
    expect(parse(shipped.replace('tel: 023 217 161', 'tel: 217161')).config!.contact.tel).toBe('217161')
  })

  it('refuses YAML aliases with a message that names them', () => {
    const text = shipped.replace('organisation:\n', 'organisation: &org\n').replace(/title:\n {2}en: .*\n {2}km: .*\n/, 'title: *org\n')
    expect(messages(text)).toEqual([expect.stringMatching(/^5:8 `\*org` refers to the anchor `&org`; pressroom does not read YAML anchors and aliases here/)])
  })

  it('names every unknown key of a section, not only the first', () => {
    const found = messages(shipped.replace('  tel: 023 217 161', '  phone: 023 217 161\n  fax: 023 217 162'))
    expect(found.filter((m) => m.includes('Unknown key'))).toEqual([
      '11:3 Unknown key `contact.phone`; known keys: name, tel, email, website',
      '12:3 Unknown key `contact.fax`; known keys: name, tel, email, website'
    ])
  })

  it('reports an empty config and one that is not a map', () => {
    expect(messages('')).toEqual(['1:1 The config is empty; start from the example in README.md'])
    expect(messages('# nothing yet\n')).toEqual(['1:1 The config is empty; start from the example in README.md'])
    expect(messages('- organisation\n')).toEqual(['1:1 The config must be a set of `key: value` lines; start from the example in README.md'])
  })

  it('reports YAML syntax errors with their position', () => {
    expect(messages('organisation: {en: x\n')[0]).toMatch(/^\d+:\d+ YAML syntax error/)
  })
})

describe('reference patterns', () => {
  const pattern = compileReference('No. {n} PR-{yy}/EoJ')
  it('parses and formats references', () => {
    expect(parseReference(pattern, 'No. 10 PR-26/EoJ')).toEqual({n: 10, year: 26, yearDigits: 2})
    expect(parseReference(pattern, 'No.10 PR-26/EoJ')).toBeNull()
    expect(parseReference(pattern, 'No. 010 PR-26/EoJ')).toBeNull()
    expect(formatReference(pattern, 7, 2031)).toBe('No. 7 PR-31/EoJ')
  })
  it('escapes literal text', () => {
    expect(parseReference(compileReference('Ref. {n}/{yyyy} (A+B)'), 'Ref. 3/2026 (A+B)')).toEqual({n: 3, year: 2026, yearDigits: 4})
  })
})
