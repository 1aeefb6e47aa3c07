import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {checkTexts, repoRoot} from '../test/project.js'
import {rules} from './rules/index.js'

interface RuleDoc {
  examples: Map<string, string>
  expects: Array<{file: string; line: number; column: number; reason: string}>
}

/**
 * Reads a rule's header comment: `@example PATH` followed by the file indented
 * two spaces, and `@expect PATH LINE:COLUMN REASON-PREFIX` lines.
 */
function readRuleDoc(source: string): RuleDoc {
  const header = /\/\*\*([\s\S]*?)\*\//.exec(source)?.[1] ?? ''
  const lines = header.split('\n').map((line) => line.replace(/^\s*\* ?/, ''))
  const bodies = new Map<string, string[]>()
  const expects: RuleDoc['expects'] = []
  let current: string[] | null = null
  for (const line of lines) {
    const example = /^@example (\S+)$/.exec(line)
    const expectation = /^@expect (\S+) (\d+):(\d+) (.+)$/.exec(line)
    if (example) {
      current = []
      bodies.set(example[1]!, current)
    } else if (expectation) {
      current = null
      expects.push({file: expectation[1]!, line: Number(expectation[2]), column: Number(expectation[3]), reason: expectation[4]!})
    } else if (current && (line.startsWith('  ') || line === '')) {
      current.push(line.slice(2))
    } else {
      current = null
    }
  }
  const examples = new Map([...bodies].map(([name, body]) => [name, `${body.join('\n').replace(/\n+$/, '')}\n`]))
  return {examples, expects}
}

const ruleDir = path.join(repoRoot, 'src/check/rules')
const ruleFiles = readdirSync(ruleDir).filter((name) => name.endsWith('.ts') && name !== 'index.ts')

describe('rule headers', () => {
  it('every rule file is registered and every registered rule has a file', () => {
    expect(ruleFiles.map((name) => name.replace(/\.ts$/, '')).sort()).toEqual(rules.map((rule) => rule.id).sort())
  })

  for (const name of ruleFiles) {
    const id = name.replace(/\.ts$/, '')
    const rule = rules.find((candidate) => candidate.id === id)!
    const doc = readRuleDoc(readFileSync(path.join(ruleDir, name), 'utf8'))

    it(`${id}: has examples and expectations`, () => {
      expect(doc.examples.size).toBeGreaterThanOrEqual(2)
      expect(doc.expects.length).toBeGreaterThanOrEqual(1)
    })

    it(`${id}: examples give exactly the expected messages`, () => {
      // Rules that compare releases see all examples together; others see one at a time.
      const groups = rule.checkProject ? [[...doc.examples.keys()]] : [...doc.examples.keys()].map((file) => [file])
      const actual: string[] = []
      for (const group of groups) {
        const entries = checkTexts(Object.fromEntries(group.map((file) => [file, doc.examples.get(file)!])), undefined, [rule])
        for (const entry of entries) {
          for (const message of entry.file.messages) {
            // Only this rule runs, so any other id is a reader message: a broken example.
            expect(message.ruleId, `${entry.release.path}: ${message.reason}`).toBe(id)
            actual.push(`${entry.release.path} ${message.line}:${message.column} ${message.reason}`)
          }
        }
      }
      expect(actual).toHaveLength(doc.expects.length)
      for (const expected of doc.expects) {
        const prefix = `${expected.file} ${expected.line}:${expected.column} ${expected.reason}`
        expect(actual.some((line) => line.startsWith(prefix)), `missing: ${prefix}\nactual:\n${actual.join('\n')}`).toBe(true)
      }
    })
  }
})
