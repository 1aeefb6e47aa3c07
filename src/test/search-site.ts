import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import type {OutputFile} from '../render/renderer.js'
import {readRepoFile, seedPath} from './project.js'
import {renderTestSite} from './site.js'

const seed = readRepoFile(seedPath).toString('utf8')
const seedKhmer = seed.split(/^# ខ្មែរ$/m)[1]!.trim().split('\n\n')
const seedEnglish = seed.split(/^# ខ្មែរ$/m)[0]!.split(/^# English$/m)[1]!.trim().split('\n\n')

/** When the test site is published: after the seed, before the embargo of 2026-012. */
export const searchSiteNow = new Date('2026-03-01T00:00:00Z')

/**
 * Releases for searching: the seed (2026-010); a 2025 release of other
 * text, its Khmer typed as many writers type it (coeng Da in ផ្ដល់, a
 * U+200B between words); a draft and a release under embargo, whose words
 * must never be found.
 */
export const searchSiteReleases: Record<string, string> = {
  [seedPath]: seed,
  'releases/2025/003-vocational-training.md': [
    '---',
    'ref: No. 3 PR-25/EoJ',
    'date: 2025-06-12',
    '---',
    '# English',
    '',
    '## Japan Supports Vocational Skills Training in Preah Vihear',
    '',
    'The Government of Japan will provide US$500,000 for a scholarship programme in Preah Vihear province.',
    '',
    seedEnglish.at(-1)!,
    '',
    '# ខ្មែរ',
    '',
    '## ជប៉ុនគាំទ្រការបណ្តុះបណ្តាលជំនាញវិជ្ជាជីវៈនៅខេត្ត\u200Bព្រះវិហារ',
    '',
    'រដ្ឋាភិបាលជប៉ុននឹងផ្ដល់ថវិកាចំនួន ៥០០,០០០ ដុល្លារអាមេរិក សម្រាប់អាហារូបករណ៍នៅខេត្តព្រះវិហារ ។',
    '',
    seedKhmer.at(-1)!,
    ''
  ].join('\n'),
  'releases/2026/011-draft.md': seed
    .replace('ref: No. 10 PR-26/EoJ', 'ref: No. 11 PR-26/EoJ\ndraft: true')
    .replace('## Japan Provides', '## Zebrafish Japan Provides')
    .replace('## ជម្នះ', '## ហ្សេប្រា ជម្នះ'),
  'releases/2026/012-embargoed.md': seed
    .replace('ref: No. 10 PR-26/EoJ', 'ref: No. 12 PR-26/EoJ\nembargo: 2026-04-01T10:00:00+07:00')
    .replace('date: 2026-02-18', 'date: 2026-03-30')
    .replace('## Japan Provides', '## Giraffe Japan Provides')
    .replace('## ជម្នះ', '## ហ្សីរ៉ាហ្វ ជម្នះ')
}

/** Renders the site of `files` with the site renderer and writes `site/` into `folder`. */
export async function writeSearchSite(folder: string, files: Record<string, string> = searchSiteReleases, now = searchSiteNow): Promise<Map<string, OutputFile['data']>> {
  const out = await renderTestSite(files, {now})
  for (const [file, data] of out) {
    if (!file.startsWith('site/')) continue
    const target = path.join(folder, file.slice('site/'.length))
    mkdirSync(path.dirname(target), {recursive: true})
    writeFileSync(target, data)
  }
  return out
}
