import {describe, expect, it} from 'vitest'
import {toKhmerDigits} from '../facts/numerals.js'
import {updateMemory} from '../memory/memory.js'
import {archive} from '../test/archive.js'
import {checkTexts, projectConfig, readRepoFile, seedPath} from '../test/project.js'
import {checkReleases} from './index.js'
import rule from './rules/inconsistent-translation.js'

const config = projectConfig()
const only = (files: Record<string, string>) => checkTexts(files, config, [rule])
const messages = (entries: ReturnType<typeof only>) =>
  entries.flatMap((entry) => entry.file.messages.map((m) => ({path: entry.release.path, line: m.line, column: m.column, reason: m.reason, actual: m.actual, expected: m.expected})))

describe('inconsistent-translation', () => {
  it('reports the sentence of the archive translated two ways, on the later release, with both Khmer versions', () => {
    const found = messages(only(archive))
    expect(found).toEqual([
      {
        path: 'releases/2026/004-food-wfp.md',
        line: 23,
        column: 1,
        reason:
          'The English “The project will build 40 wells in Preah Vihear province.” is translated differently in releases/2025/031-water-preah-vihear.md:21 (No. 31 PR-25/EoJ, 2025-11-20): “គម្រោងនេះនឹងសាងសង់អណ្តូងទឹកចំនួន ៤០ នៅខេត្តព្រះវិហារ។”; here: “គម្រោងនេះនឹងជីកអណ្តូងចំនួន ៤០ នៅខេត្តព្រះវិហារ។”; use one translation, here or there',
        actual: 'គម្រោងនេះនឹងជីកអណ្តូងចំនួន ៤០ នៅខេត្តព្រះវិហារ។',
        expected: ['គម្រោងនេះនឹងសាងសង់អណ្តូងទឹកចំនួន ៤០ នៅខេត្តព្រះវិហារ។']
      }
    ])
  })

  it('is a warning, and can be turned off', () => {
    const [, wfp] = only(archive)
    expect(wfp!.file.messages[0]!.fatal).toBe(false)
    const off = checkTexts(archive, {...config, rules: {...config.rules, 'inconsistent-translation': 'off'}}, [rule])
    expect(messages(off)).toEqual([])
  })

  it('finds nothing in releases that differ only in amounts and dates, and the same with a memory given', () => {
    const seed = readRepoFile(seedPath).toString('utf8')
    const files: Record<string, string> = {}
    for (let n = 1; n <= 30; n++) {
      const amount = (n * 37_000).toLocaleString('en-US')
      files[`releases/2026/${String(n).padStart(3, '0')}-grant.md`] = seed
        .replace(/^ref: .*$/m, `ref: No. ${n} PR-26/EoJ`)
        .replace(/^date: .*$/m, `date: 2026-01-${String(n).padStart(2, '0')}`)
        .replaceAll('1,000,000', amount)
        .replaceAll('១,០០០,០០០', toKhmerDigits(amount))
    }
    const entries = only(files)
    expect(messages(entries)).toEqual([])
    const changed = {...files, 'releases/2026/030-grant.md': files['releases/2026/030-grant.md']!.replace('ជំនួយនេះ មានគោលបំណង', 'ជំនួយនេះមានបំណង')}
    const withMemory = checkTexts(changed, config, [])
    const {memory} = updateMemory(null, withMemory.map((entry) => ({release: entry.release, source: String(entry.file.value)})), config.glossary)
    checkReleases(withMemory, config, [rule], {memory})
    const without = only(changed)
    expect(messages(withMemory)).toEqual(messages(without))
    expect(messages(without).map((m) => `${m.path}:${m.line}`)).toEqual(['releases/2026/030-grant.md:26'])
  })

  it('compares by date, not by file name, and shows long texts around where they differ', () => {
    const long = 'The Government of Japan has decided to extend its support for the programme that trains teachers of the provinces of the north, so that children there can learn to read and write in Khmer and in English.'
    const kmStart = 'រដ្ឋាភិបាលជប៉ុនបានសម្រេចបន្តការគាំទ្រដល់កម្មវិធីបណ្តុះបណ្តាលគ្រូបង្រៀននៅខេត្តភាគខាងជើង'
    const kmEnd = 'ដើម្បីឲ្យកុមារនៅទីនោះអាចរៀនអាន និងសរសេរជាភាសាខ្មែរ និងភាសាអង់គ្លេសបានយ៉ាងល្អ ក្នុងរយៈពេលប៉ុន្មានឆ្នាំខាងមុខ។'
    const release = (n: number, date: string, km: string) =>
      `---\nref: No. ${n} PR-26/EoJ\ndate: ${date}\n---\n# English\n\n## Teachers\n\n${long}\n\n# ខ្មែរ\n\n## គ្រូបង្រៀន\n\n${km}\n`
    const found = messages(
      only({
        // The lower number is the later release.
        'releases/2026/001-teachers.md': release(1, '2026-03-01', `${kmStart} ក្នុងគោលបំណង${kmEnd}`),
        'releases/2026/002-teachers.md': release(2, '2026-02-01', `${kmStart} ${kmEnd}`)
      })
    )
    expect(found.map((m) => m.path)).toEqual(['releases/2026/001-teachers.md'])
    const reason = found[0]!.reason
    expect(reason).toContain('releases/2026/002-teachers.md:15 (No. 2 PR-26/EoJ, 2026-02-01)')
    // The sentence the message is about, quoted by its opening words.
    expect(reason).toMatch(/^The English “The Government of Japan has decided to extend its support for the programme that trains…” is translated/u)
    expect(reason).toMatch(/: “…[^”]*ខាងជើង ដើម្បី[^”]*…”; here: “…[^”]*ខាងជើង ក្នុងគោលបំណងដើម្បី[^”]*…”; /u)
    expect(found[0]!.actual).toBe(`${kmStart} ក្នុងគោលបំណង${kmEnd}`)
    expect(found[0]!.actual!.length).toBeGreaterThan(160)
  })
  it('quotes a long Khmer sentence by its opening, cut between clusters', () => {
    // 130 characters without a space: the cut falls where a cluster starts, not inside one.
    const km = `${'រដ្ឋាភិបាលជប៉ុនបានសម្រេចបន្តការគាំទ្រ'.repeat(3)}ដល់កម្មវិធីបណ្តុះបណ្តាលគ្រូ។`
    const release = (n: number, date: string, en: string) =>
      `---\nref: No. ${n} PR-26/EoJ\ndate: ${date}\n---\n# English\n\n## Teachers\n\n${en}\n\n# ខ្មែរ\n\n## គ្រូបង្រៀន\n\n${km}\n`
    const found = messages(
      only({
        'releases/2026/001-teachers.md': release(1, '2026-02-01', 'Japan will train the teachers of five provinces this year.'),
        'releases/2026/002-teachers.md': release(2, '2026-03-01', 'Japan will build the schools of five provinces this year.')
      })
    )
    expect(found).toHaveLength(1)
    const quoted = /^The Khmer “([^”]*)…” stands for other English/u.exec(found[0]!.reason)![1]!
    expect(km.length).toBeGreaterThan(120)
    expect(quoted.length).toBeLessThanOrEqual(90)
    expect(km.startsWith(quoted)).toBe(true)
    // What follows the cut starts a cluster: a consonant, not a sign or a subscript.
    expect(km[quoted.length]).toMatch(/[\u1780-\u17B3]/u)
    expect(quoted.at(-1)).not.toBe('\u17D2')
    expect(found[0]!.actual).toBe(km)
  })
})
