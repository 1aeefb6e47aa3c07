import {execFile} from 'node:child_process'
import {cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {checkProject} from '../project/check.js'
import {loadProject} from '../project/load.js'
import {readRepoFile, repoRoot, seedPath} from '../test/project.js'
import {formatReport, hasErrors} from './report.js'

const run = promisify(execFile)
const cli = path.join(repoRoot, 'dist/cli/main.js')

interface Result {
  code: number
  stdout: string
  stderr: string
}

/** Runs the compiled CLI (as `npx pressroom` does) in `cwd`. */
async function pressroom(cwd: string, ...args: string[]): Promise<Result> {
  try {
    const {stdout, stderr} = await run(process.execPath, [cli, ...args], {cwd, env: {...process.env, NO_COLOR: '1'}})
    return {code: 0, stdout, stderr}
  } catch (error) {
    const e = error as {code: number; stdout: string; stderr: string}
    return {code: e.code, stdout: e.stdout, stderr: e.stderr}
  }
}

/** A throwaway project: the repository's config plus the given release files. */
function project(files: Record<string, string | Buffer> = {}, fromFixture?: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pressroom-'))
  writeFileSync(path.join(dir, 'pressroom.yaml'), readRepoFile('pressroom.yaml'))
  writeFileSync(path.join(dir, 'glossary.yaml'), readRepoFile('glossary.yaml'))
  if (fromFixture) cpSync(path.join(repoRoot, 'fixtures', fromFixture, 'releases'), path.join(dir, 'releases'), {recursive: true})
  for (const [file, text] of Object.entries(files)) {
    const target = path.join(dir, file)
    mkdirSync(path.dirname(target), {recursive: true})
    writeFileSync(target, text)
  }
  return dir
}

/**
 * What `pressroom check --reporter json` prints and its exit code, run in
 * this process (the same modules the command calls): the fixtures are many,
 * and the command itself is run by the tests below.
 */
async function checkInProcess(dir: string): Promise<Result> {
  const {selected} = await checkProject(await loadProject(path.join(dir, 'pressroom.yaml')))
  const files = selected.map((entry) => entry.file)
  return {code: hasErrors(files) ? 1 : 0, stdout: formatReport(files, 'json'), stderr: ''}
}

function messagesOf(json: string): string[] {
  const report = JSON.parse(json) as Array<{path: string; messages: Array<{line: number; column: number; ruleId: string}>}>
  return report.flatMap((file) => file.messages.map((m) => `${file.path} ${m.line}:${m.column} ${m.ruleId}`)).sort()
}

const cases = parse(readRepoFile('fixtures/bad/expected.yaml').toString('utf8')) as Record<string, {exit: number; messages: string[]}>
const folders = (group: string) =>
  readdirSync(path.join(repoRoot, 'fixtures', group), {withFileTypes: true}).filter((d) => d.isDirectory()).map((d) => d.name)

describe('pressroom check on variants of the seed', () => {
  it('lists every fixtures/bad folder in expected.yaml', () => {
    expect(folders('bad').sort()).toEqual(Object.keys(cases).sort())
  })

  for (const name of folders('good')) {
    it(`good/${name}: exit 0, only the seed's own warnings (structure, spaces before ។)`, async () => {
      const result = await checkInProcess(project({}, `good/${name}`))
      expect(messagesOf(result.stdout).map((m) => m.split(' ').at(-1)).sort()).toEqual(['khmer-spacing', 'khmer-spacing', 'structure-parity'])
      expect(result.code).toBe(0)
    })
  }

  for (const [name, expected] of Object.entries(cases)) {
    it(`bad/${name}: exit ${expected.exit}, ${expected.messages.length} message(s) at the right places`, async () => {
      const result = await checkInProcess(project({}, `bad/${name}`))
      expect(messagesOf(result.stdout)).toEqual([...expected.messages].sort())
      expect(result.code).toBe(expected.exit)
    })
  }
})

describe('pressroom check', () => {
  it('passes the seed release with exit 0, warning only of its different structure and spacing', async () => {
    const result = await pressroom(repoRoot, 'check')
    expect(result.code).toBe(0)
    expect(result.stderr).toMatch(
      /11:1\s+warning\s+English paragraphs \(lines 11–13\) are list items in the Khmer \(lines 23–24\); use the same structure in both languages\s+structure-parity\s+pressroom/
    )
    expect(result.stderr).toMatch(/21:90-21:91\s+warning\s+Space before ។, but this release writes it without one 4 times out of 6; delete the space\s+khmer-spacing/)
    expect(result.stderr).toMatch(/⚠ 3 warnings/)
  })

  it('prints vfile-reporter rows: place, severity, reason, rule id, source', async () => {
    const dir = project({}, 'bad/ref-format')
    const result = await pressroom(dir, 'check')
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/2:6-2:21\s+error\s+Reference `No\.10 PR-26\/EoJ` does not follow .*ref-format\s+pressroom/)
  })

  it('checks only the given paths, but compares references across the whole folder', async () => {
    const dir = project({}, 'bad/duplicate-ref')
    const result = await pressroom(dir, 'check', '--reporter', 'json', 'releases/2026/010-japan-grant-ilo-returning-migrant-workers.md')
    expect(messagesOf(result.stdout)).toEqual([
      `${seedPath} 11:1 structure-parity`,
      `${seedPath} 21:90 khmer-spacing`,
      `${seedPath} 26:415 khmer-spacing`,
      `${seedPath} 2:6 ref-duplicate`
    ])
    expect(result.code).toBe(1)
  })

  it('exits 2 for a path that does not exist', async () => {
    const result = await pressroom(repoRoot, 'check', 'releases/1999')
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('no such file or folder: releases/1999')
  })

  it('exits 2 for an unknown option or reporter', async () => {
    expect((await pressroom(repoRoot, 'check', '--frobnicate')).code).toBe(2)
    expect((await pressroom(repoRoot, 'check', '--reporter', 'xml')).code).toBe(2)
  })

  it('exits 2 with file:line:column and a did-you-mean for a misspelled config key', async () => {
    const dir = project({[seedPath]: readRepoFile(seedPath)})
    const config = readFileSync(path.join(dir, 'pressroom.yaml'), 'utf8').replace('khmerDigits:', 'khmerDigit:').replace('ref-sequence: warn', 'ref-sequense: warn')
    writeFileSync(path.join(dir, 'pressroom.yaml'), config)
    const expectConfigErrors = (result: Result) => {
      expect(result.code).toBe(2)
      expect(result.stderr).toMatch(/pressroom\.yaml\n\s*\d+:1-\d+:11\s+error\s+Unknown key `khmerDigit`; did you mean `khmerDigits`\?/)
      expect(result.stderr).toMatch(/Unknown rule `rules\.ref-sequense`; did you mean `rules\.ref-sequence`\?/)
    }
    for (const command of ['check', 'build']) expectConfigErrors(await pressroom(dir, command))
    expect(existsSync(path.join(dir, 'out'))).toBe(false)
    // With many releases to render, the build runs in a thread of its own, which reports them the same.
    for (let n = 1; n <= 8; n++) writeFileSync(path.join(dir, `releases/2026/0${20 + n}-copy.md`), readRepoFile(seedPath))
    expectConfigErrors(await pressroom(dir, 'build'))
    expect(existsSync(path.join(dir, 'out'))).toBe(false)
  })

  it('exits 2 when there is no config', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pressroom-'))
    for (const command of ['check', 'build']) {
      const result = await pressroom(dir, command)
      expect(result.code).toBe(2)
      expect(result.stderr).toContain('no pressroom.yaml in this folder or any folder above it')
    }
    expect((await pressroom(dir, 'check', '--config', 'other.yaml')).stderr).toContain('cannot read other.yaml')
  })

  it('finds pressroom.yaml in the nearest folder above, as git does, with paths relative to where it runs', async () => {
    const dir = project({}, 'bad/ref-format')
    const inside = path.join(dir, 'releases/2026')
    const [name] = readdirSync(inside)
    const result = await pressroom(inside, 'check', name!, '--reporter', 'json')
    expect(result.code).toBe(1)
    expect(messagesOf(result.stdout)).toContain(`releases/2026/${name} 2:6 ref-format`)
  })

  it('turns a rule off or down from pressroom.yaml', async () => {
    const dir = project({}, 'bad/ref-year')
    writeFileSync(path.join(dir, 'pressroom.yaml'), `${readFileSync(path.join(dir, 'pressroom.yaml'), 'utf8')}  ref-year: warn\n`)
    const result = await pressroom(dir, 'check', '--reporter', 'json')
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)[0].messages[0]).toMatchObject({ruleId: 'ref-year', fatal: false})
  })
})

describe('pressroom build', () => {
  it('writes out/releases.json with the parsed model, the same bytes every time', async () => {
    const dir = project({[seedPath]: readRepoFile(seedPath)})
    // The PDF alone: the model does not depend on which outputs are made.
    const first = await pressroom(dir, 'build', '--only', 'pdf')
    expect(first.code).toBe(0)
    const bytes = readFileSync(path.join(dir, 'out/releases.json'))
    const model = JSON.parse(bytes.toString('utf8'))
    expect(model.releases).toHaveLength(1)
    const [release] = model.releases
    expect(release.path).toBe(seedPath)
    expect(release.frontmatter).toMatchObject({ref: 'No. 10 PR-26/EoJ', date: '2026-02-18', draft: false})
    expect(release.sections.en.headline.text).toMatch(/^Japan Provides US\$1,000,000 for Promoting/)
    expect(release.sections.km.blocks.map((b: {type: string}) => b.type)).toEqual(['paragraph', 'list', 'paragraph'])
    await pressroom(dir, 'build', '--only', 'pdf')
    expect(readFileSync(path.join(dir, 'out/releases.json')).equals(bytes)).toBe(true)
  })

  it('writes nothing when a release has errors, and exits 1', async () => {
    const dir = project({}, 'bad/raw-html')
    const result = await pressroom(dir, 'build')
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('nothing was written')
    // Only the build's own state folder, no output.
    expect(readdirSync(path.join(dir, 'out'))).toEqual(['.pressroom'])
  })

  it('prints a JSON report with --json', async () => {
    const dir = project({}, 'bad/gap-and-order')
    const result = await pressroom(dir, 'build', '--json')
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout)
    expect(report).toMatchObject({ok: true, releases: 2, warnings: 8, errors: 0})
    expect(report.diagnostics.flatMap((f: {messages: {ruleId: string}[]}) => f.messages.map((m) => m.ruleId))).toEqual([
      'structure-parity',
      'khmer-spacing',
      'khmer-spacing',
      'ref-sequence',
      'ref-sequence',
      'structure-parity',
      'khmer-spacing',
      'khmer-spacing'
    ])
  })
})

describe('pressroom new', () => {
  it('creates the next number of the year, scaffolded, and passes the structural rules', async () => {
    const dir = project({[seedPath]: readRepoFile(seedPath)})
    const result = await pressroom(dir, 'new', '--date', '2026-03-02', '--slug', 'minister-visit')
    expect(result.code).toBe(0)
    expect(result.stdout.trim()).toBe('releases/2026/011-minister-visit.md')
    const text = readFileSync(path.join(dir, 'releases/2026/011-minister-visit.md'), 'utf8')
    expect(text).toContain('ref: No. 11 PR-26/EoJ\ndate: 2026-03-02\ndraft: true\n')
    expect(text).toContain('# English')
    expect(text).toContain('# ខ្មែរ')
    const check = await pressroom(dir, 'check', '--reporter', 'json', 'releases/2026/011-minister-visit.md')
    expect(messagesOf(check.stdout).filter((m) => / (frontmatter|language-sections|file-name|ref-\w+)$/.test(m))).toEqual([])
    // The draft's placeholders are warnings: the other releases are still published.
    expect(check.code).toBe(0)
    const build = await pressroom(dir, 'build', '--json', '--now', '2030-01-01T00:00:00Z')
    expect(build.code, build.stderr).toBe(0)
    expect(JSON.parse(build.stdout)).toMatchObject({ok: true, withheld: [{path: 'releases/2026/011-minister-visit.md', reason: 'draft'}]})
    expect(readdirSync(path.join(dir, 'out/site/en/2026'))).toEqual(['010'])
    expect(readdirSync(path.join(dir, 'out/preview'))).toEqual(['2026-010.html', '2026-011.html'])
  })

  it('starts a new year at 1 and never overwrites', async () => {
    const dir = project({[seedPath]: readRepoFile(seedPath)})
    const first = await pressroom(dir, 'new', '--date', '2027-01-05', '--slug', 'new-year')
    expect(first.stdout.trim()).toBe('releases/2027/001-new-year.md')
    const second = await pressroom(dir, 'new', '--date', '2027-01-06', '--slug', 'new-year')
    expect(second.stdout.trim()).toBe('releases/2027/002-new-year.md')
  })

  it('refuses a bad slug or date with exit 2 and writes nothing', async () => {
    const dir = project({[seedPath]: readRepoFile(seedPath)})
    for (const args of [['--slug', 'Bad Slug'], ['--slug', '../escape'], ['--date', '2026-13-01']]) {
      const result = await pressroom(dir, 'new', '--date', '2026-03-02', ...args)
      expect(result.code).toBe(2)
    }
    expect(readdirSync(path.join(dir, 'releases/2026'))).toEqual([path.basename(seedPath)])
  })
})

describe('pressroom --help and --version', () => {
  it('lists every command with an example', async () => {
    const result = await pressroom(repoRoot, '--help')
    expect(result.code).toBe(0)
    for (const command of ['check', 'build', 'new', 'preview', 'send', 'shape']) {
      expect(result.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'))
      expect(result.stdout).toMatch(new RegExp(`\\$ pressroom ${command}\\b`))
    }
  })

  it('runs as a program, as npx and the package\'s bin run it', async () => {
    const {stdout} = await promisify(execFile)(cli, ['--version'])
    expect(stdout.trim()).toBe(JSON.parse(readRepoFile('package.json').toString('utf8')).version)
  })

  it('prints the package version', async () => {
    const result = await pressroom(repoRoot, '--version')
    expect(result.stdout.trim()).toBe(JSON.parse(readRepoFile('package.json').toString('utf8')).version)
  })
})

describe('pressroom check --fix', () => {
  it('fixes in place, byte for byte elsewhere, keeps CRLF and the BOM, and is idempotent', async () => {
    const original = `\uFEFF${readRepoFile(seedPath).toString('utf8').replace('Recipient:', 'Re\u0301cipient:').replace('This grant', 'This gra\u0308nt')}`.replace(/\n/g, '\r\n')
    const dir = project({[seedPath]: original})
    const first = await pressroom(dir, 'check', '--fix')
    expect(first.stderr).toContain(`pressroom: fixed ${seedPath}: unicode-nfc ×2, khmer-spacing ×2`)
    // Each change with its place, before and after.
    expect(first.stderr).toContain(`  ${seedPath}:13:2 unicode-nfc: e\u0301 (U+0065 U+0301) → \u00e9 (U+00E9)\n`)
    expect(first.stderr).toContain(`  ${seedPath}:21:90 khmer-spacing: space (U+0020) → nothing\n`)
    expect(first.stderr.match(new RegExp(`^  ${seedPath}:\\d+:\\d+ `, 'gm'))).toHaveLength(4)
    expect(first.code).toBe(0)
    const fixed = readFileSync(path.join(dir, seedPath), 'utf8')
    expect(fixed).toBe(
      original
        .replace('Re\u0301cipient', 'R\u00E9cipient')
        .replace('gra\u0308nt', 'gr\u00E4nt')
        .replace('(ILO) ។', '(ILO)។')
        .replace('ជាងមុន ។', 'ជាងមុន។')
    )
    const second = await pressroom(dir, 'check', '--fix')
    expect(second.stderr).toContain('pressroom: nothing to fix')
    expect(readFileSync(path.join(dir, seedPath), 'utf8')).toBe(fixed)
  })
})

describe('README.md', () => {
  it('documents every rule and every command', async () => {
    const readme = readRepoFile('README.md').toString('utf8')
    const {rules} = await import('../check/rules/index.js')
    for (const rule of rules) expect(readme, rule.id).toContain(`| \`${rule.id}\` |`)
    for (const command of ['check', 'build', 'new', 'preview', 'send', 'shape']) expect(readme).toContain(`### \`pressroom ${command}`)
  })
})

describe('pressroom build, second run', () => {
  it('reports the same diagnostics from its cache, and re-checks when the glossary changes', async () => {
    const dir = project({[seedPath]: readRepoFile(seedPath)})
    const first = JSON.parse((await pressroom(dir, 'build', '--json', '--only', 'pdf')).stdout)
    const second = JSON.parse((await pressroom(dir, 'build', '--json', '--only', 'pdf')).stdout)
    expect(second.diagnostics).toEqual(first.diagnostics)
    expect(second.warnings).toBe(3)
    writeFileSync(path.join(dir, 'glossary.yaml'), `${readFileSync(path.join(dir, 'glossary.yaml'), 'utf8').replace('keep:\n  - ILO', 'keep:\n  - ILO\n  - UENO Atsushi')}`)
    const third = JSON.parse((await pressroom(dir, 'build', '--json', '--only', 'pdf')).stdout)
    expect(third.warnings).toBe(4)
    expect(JSON.stringify(third.diagnostics)).toMatch(/`UENO Atsushi` is in the English \(9:\d+\) but not in this Khmer text/)
  })
})

describe('pressroom build, check cache and fonts', () => {
  it('checks again when a font file changes under the same name', async () => {
    const dir = project({[seedPath]: readRepoFile(seedPath)})
    mkdirSync(path.join(dir, 'fonts'))
    cpSync(path.join(repoRoot, 'fonts/NotoSansKhmer-Regular.ttf'), path.join(dir, 'fonts/NotoSansKhmer-Regular.ttf'))
    expect((await pressroom(dir, 'build', '--jobs', '1')).code).toBe(0)
    // A Latin font in the Khmer font's place: the Khmer text has no glyphs
    // now. Only the web pages are rendered, so the check alone can say so.
    cpSync(path.join(repoRoot, 'fonts/NotoSans-Regular.ttf'), path.join(dir, 'fonts/NotoSansKhmer-Regular.ttf'))
    const result = await pressroom(dir, 'build', '--json', '--jobs', '1', '--only', 'html')
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout).diagnostics.flatMap((f: {messages: {ruleId: string}[]}) => f.messages.map((m) => m.ruleId))).toContain('missing-glyph')
  })
})
