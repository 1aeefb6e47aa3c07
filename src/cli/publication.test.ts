import {execFile} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {XMLParser} from 'fast-xml-parser'
import {beforeAll, describe, expect, it} from 'vitest'
import {readRepoFile, repoRoot, seedPath} from '../test/project.js'

/**
 * A real build (the compiled CLI) of a project whose `frontmatter` rule is
 * only a warning: releases whose embargo or draft flag cannot be read are
 * held back from every public file of the site.
 */
const run = promisify(execFile)
const cli = path.join(repoRoot, 'dist/cli/main.js')
const seed = readRepoFile(seedPath).toString('utf8')

const held: Record<string, string> = {
  '011-date-only-embargo': 'embargo: 2099-01-01',
  '012-draft-yes': 'draft: yes',
  '013-capital-embargo': 'Embargo: 2099-01-01T10:00:00+07:00',
  '014-quoted-draft': 'draft: "false"',
  '015-empty-embargo': 'embargo:'
}

function release(number: number, lines: string): string {
  return seed.replace('ref: No. 10 PR-26/EoJ\n', `ref: No. ${number} PR-26/EoJ\n${lines ? `${lines}\n` : ''}`)
}

let out: string
let stderr: string

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pressroom-publication-'))
  writeFileSync(path.join(dir, 'pressroom.yaml'), `${readRepoFile('pressroom.yaml').toString('utf8').trimEnd()}\n  frontmatter: warn\n`)
  writeFileSync(path.join(dir, 'glossary.yaml'), readRepoFile('glossary.yaml'))
  mkdirSync(path.join(dir, 'releases/2026'), {recursive: true})
  writeFileSync(path.join(dir, seedPath), seed)
  for (const [name, lines] of Object.entries(held)) writeFileSync(path.join(dir, `releases/2026/${name}.md`), release(Number(name.slice(0, 3)), lines))
  const result = await run(process.execPath, [cli, 'build', '--now', '2100-01-01T00:00:00Z'], {cwd: dir, env: {...process.env, NO_COLOR: '1'}})
  stderr = result.stderr
  out = path.join(dir, 'out')
}, 240_000)

describe('a build with `frontmatter: warn`', () => {
  it('builds, warning of each unreadable key', () => {
    for (const lines of Object.values(held)) expect(stderr).toContain(`\`${lines.split(':')[0]}\``)
    expect(stderr).toMatch(/until then the release is not published/i)
    // And the summary names each release it held back, and why.
    expect(stderr).toContain('pressroom: not on the site: releases/2026/012-draft-yes.md, its frontmatter (`draft`) cannot be read')
  })

  it('publishes only the readable release: pages, index pages, feeds, sitemap and releases.json', () => {
    expect(readdirSync(path.join(out, 'site/en/2026'))).toEqual(['010'])
    expect(readdirSync(path.join(out, 'site/km/2026'))).toEqual(['010'])
    const published = JSON.parse(readFileSync(path.join(out, 'site/releases.json'), 'utf8')) as unknown
    const refs = JSON.stringify(published).match(/No\. \d+ PR-26\/EoJ/g) ?? []
    expect([...new Set(refs)]).toEqual(['No. 10 PR-26/EoJ'])
    for (const lang of ['en', 'km']) {
      const feed = new XMLParser().parse(readFileSync(path.join(out, `site/${lang}/feed.xml`), 'utf8')).feed
      const entries = Array.isArray(feed.entry) ? feed.entry : [feed.entry]
      expect(entries.map((entry: {id: string}) => entry.id)).toEqual([`https://www.kh.emb-japan.go.jp/press/${lang}/2026/010/`])
      const index = readFileSync(path.join(out, `site/${lang}/index.html`), 'utf8')
      expect(index).toContain('2026/010/')
      for (const number of ['011', '012', '013', '014', '015']) expect(index).not.toContain(`2026/${number}/`)
    }
    const sitemap = readFileSync(path.join(out, 'site/sitemap.xml'), 'utf8')
    expect(sitemap).not.toMatch(/2026\/01[1-5]/)
    for (const number of ['011', '012', '013', '014', '015']) expect(existsSync(path.join(out, `site/pdf/2026-${number}.pdf`))).toBe(false)
  })
})
