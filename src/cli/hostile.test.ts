import {execFile} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, truncateSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {readRepoFile, repoRoot, seedPath} from '../test/project.js'

/**
 * The hostile corpus (fixtures/hostile/expected.yaml): releases made to
 * break the reader, each checked by the compiled CLI; each ends in its
 * located `limits` diagnostic, exit 1, no stack trace.
 */
const run = promisify(execFile)
const cli = path.join(repoRoot, 'dist/cli/main.js')

export interface HostileCase {
  text?: string
  times?: number
  indent?: number
  size?: number
  messages: string[]
}

export const hostileCases = parse(readRepoFile('fixtures/hostile/expected.yaml').toString('utf8')) as Record<string, HostileCase>

/** A project holding the case's release; returns its folder. */
export function hostileProject(name: string, spec: HostileCase): string {
  const dir = mkdtempSync(path.join(tmpdir(), `pressroom-hostile-${name}-`))
  writeFileSync(path.join(dir, 'pressroom.yaml'), readRepoFile('pressroom.yaml'))
  writeFileSync(path.join(dir, 'glossary.yaml'), readRepoFile('glossary.yaml'))
  mkdirSync(path.join(dir, 'releases/2026'), {recursive: true})
  const file = path.join(dir, seedPath)
  if (spec.size !== undefined) {
    writeFileSync(file, '')
    truncateSync(file, spec.size)
    return dir
  }
  const body = spec.indent !== undefined ? Array.from({length: spec.indent}, (_, i) => `${'  '.repeat(i)}- x`).join('\n') : spec.text!.repeat(spec.times!)
  const lines = readRepoFile(seedPath).toString('utf8').split('\n')
  lines.splice(14, 0, body, '')
  writeFileSync(file, lines.join('\n'))
  return dir
}

describe('the hostile corpus', () => {
  for (const [name, spec] of Object.entries(hostileCases)) {
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
