import {execFile} from 'node:child_process'
import {mkdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {promisify} from 'node:util'
import {describe, expect, it} from 'vitest'
import {hostileCases, writeHostileProject, type HostileCase} from '../bench/hostile.js'
import {readRepoFile, repoRoot, seedPath} from '../test/project.js'

/**
 * The hostile corpus (fixtures/hostile/expected.yaml): releases made to
 * break the reader, each checked by the compiled CLI; each ends in its
 * located `limits` diagnostic, exit 1, no stack trace.
 */
const run = promisify(execFile)
const cli = path.join(repoRoot, 'dist/cli/main.js')

const cases = hostileCases()
const hostileProject = (name: string, spec: HostileCase) => writeHostileProject(name, spec)

describe('the hostile corpus', () => {
  for (const [name, spec] of Object.entries(cases)) {
    it(`${name}: ${spec.messages.join('; ')}`, async () => {
      const dir = hostileProject(name, spec)
      const result = await run(process.execPath, [cli, 'check', '--reporter', 'json'], {cwd: dir, env: {...process.env, NO_COLOR: '1'}}).then(
        ({stdout, stderr}) => ({code: 0, stdout, stderr}),
        (error: {code: number; stdout: string; stderr: string}) => error
      )
      expect(result.stderr).not.toMatch(/\n\s+at |Maximum call stack|heap out of memory/)
      expect(result.code).toBe(1)
      const report = JSON.parse(result.stdout) as Array<{messages: Array<{line: number; column: number; reason: string; ruleId: string}>}>
      const messages = report.flatMap((file) => file.messages).filter((m) => m.ruleId === 'limits')
      expect(messages.map((m) => `${m.line}:${m.column} ${m.reason}`)).toEqual(spec.messages.map((m) => expect.stringMatching(new RegExp(`^${m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))))
      // Nothing is echoed raw: the report is the whole output.
      expect(readFileSync(path.join(dir, seedPath)).byteLength).toBeGreaterThan(0)
    })
  }
})

describe('symbolic links inside releases/', () => {
  const check = (dir: string, ...args: string[]) =>
    run(process.execPath, [cli, 'check', ...args], {cwd: dir, env: {...process.env, NO_COLOR: '1'}}).then(
      ({stdout, stderr}) => ({code: 0, stdout, stderr}),
      (error: {code: number; stdout: string; stderr: string}) => error
    )
  for (const target of ['/', '/usr']) {
    it(`does not follow a link to ${target} out of the project, and names it`, async () => {
      const dir = hostileProject('link', {messages: [], text: '', times: 0})
      symlinkSync(target, path.join(dir, 'releases/system'))
      for (const args of [[], ['releases']]) {
        const result = await check(dir, ...args)
        expect(result.code).toBe(2)
        expect(result.stderr).toBe(`pressroom: releases/system is a symbolic link to ${target}, outside the project; pressroom does not follow it: remove it or copy the release in\n`)
      }
    })
  }

  it('ends a loop of links with a short message', async () => {
    const dir = hostileProject('loop', {messages: [], text: '', times: 0})
    symlinkSync('..', path.join(dir, 'releases/2026/up'))
    const result = await check(dir)
    expect(result.code).toBe(2)
    expect(result.stderr).toBe('pressroom: releases/2026/up is a symbolic link back to a folder it is in (a loop); remove it\n')
  })

  it('follows a link to a folder inside the project', async () => {
    const dir = hostileProject('inside', {messages: [], text: '', times: 0})
    mkdirSync(path.join(dir, 'drafts'))
    writeFileSync(path.join(dir, 'drafts/011-x.md'), readRepoFile(seedPath).toString('utf8').replace('No. 10 ', 'No. 11 '))
    symlinkSync(path.join(dir, 'drafts'), path.join(dir, 'releases/2026/shared'))
    const result = await check(dir, '--reporter', 'json')
    expect((JSON.parse(result.stdout) as Array<{path: string}>).map((file) => file.path)).toContain('releases/2026/shared/011-x.md')
  })
})

describe('control characters', () => {
  it('reports NUL, a terminal escape and a bidi override in the headline, a label and the reference, and prints none raw', async () => {
    const dir = hostileProject('controls', {messages: [], text: '', times: 0})
    const seed = readRepoFile(seedPath).toString('utf8')
    writeFileSync(
      path.join(dir, seedPath),
      seed
        .replace('ref: No. 10 PR-26/EoJ', 'ref: "No. 10 PR-26/EoJ\u202E"')
        .replace('## Japan Provides', '## \u001b[2J\u001b]0;owned\u0007Japan Provides')
        .replace('# English', '# English\u0000')
    )
    for (const reporter of ['pretty', 'json']) {
      const result = await run(process.execPath, [cli, 'check', '--reporter', reporter], {cwd: dir, env: {...process.env, NO_COLOR: '1'}}).then(
        ({stdout, stderr}) => ({code: 0, stdout, stderr}),
        (error: {code: number; stdout: string; stderr: string}) => error
      )
      expect(result.code).toBe(1)
      // Raw on the terminal: never (JSON escapes them as \u001b).
      expect(result.stdout + result.stderr).not.toMatch(/[\u0000\u0007\u001b\u202e]/u)
      if (reporter === 'pretty') {
        expect(result.stderr).toContain('U+001B, a terminal escape, is in the text')
        expect(result.stderr).toContain('U+0000, a NUL byte, is in the text')
        expect(result.stderr).toContain('U+202E, a bidirectional control, is in the text')
        expect(result.stderr).toContain('<U+202E>')
      } else {
        const messages = (JSON.parse(result.stdout) as Array<{messages: Array<{line: number; column: number; ruleId: string}>}>)[0]!.messages
        expect(messages.filter((m) => m.ruleId === 'control-characters').map((m) => `${m.line}:${m.column}`)).toEqual(['2:23', '5:10', '7:4', '7:8', '7:17'])
      }
    }
  })
})
