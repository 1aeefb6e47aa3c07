import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {parse} from 'yaml'
import type {Config} from '../config/model.js'
import {checkReleases} from '../check/index.js'
import type {Rule} from '../check/rule.js'
import {rules as allRules} from '../check/rules/index.js'
import {parseRelease} from '../release/parse.js'

/**
 * The corpus of fixtures/facts/*.yaml: releases in the forms people write,
 * correct ones and ones with a slip, each with the messages it must give.
 * A case is `{name, en, km, expect, khmerDigits?}`: the English and Khmer
 * body (Markdown) of a release, and every message as `LANG RULE TEXT`,
 * meaning a message of RULE on a line of that language's section whose
 * span holds TEXT (Markdown markers and link targets aside).
 */
export interface CorpusCase {
  file: string
  name: string
  en: string
  km: string
  expect: string[]
  khmerDigits?: Config['khmerDigits']
}

/** The rules the corpus is about: the fact rules, digits and the Khmer rules. */
export const corpusRuleIds = ['amount-mismatch', 'date-mismatch', 'number-mismatch', 'digits', 'khmer-cluster', 'khmer-order', 'khmer-deprecated', 'khmer-spacing'] as const

export function loadCorpus(dir: string): CorpusCase[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .flatMap((name) => {
      const cases = parse(readFileSync(path.join(dir, name), 'utf8')) as Array<Omit<CorpusCase, 'file'>>
      return cases.map((entry) => ({...entry, expect: entry.expect ?? [], file: name}))
    })
}

export interface CaseResult {
  corpusCase: CorpusCase
  /** Messages no expectation accounts for: `LANG RULE line:column reason`. */
  falseErrors: string[]
  /** Expectations no message meets. */
  missed: string[]
}

/** The release a case stands for: fixed frontmatter and headlines, its two bodies. */
export function caseRelease(entry: CorpusCase): string {
  return ['---', 'ref: No. 10 PR-26/EoJ', 'date: 2026-02-18', '---', '# English', '', '## Press release', '', entry.en.trim(), '', '# ខ្មែរ', '', '## សេចក្តីប្រកាសព័ត៌មាន', '', entry.km.trim(), ''].join('\n')
}

export function runCase(entry: CorpusCase, config: Config, rules: readonly Rule[] = corpusRules()): CaseResult {
  const source = caseRelease(entry)
  const parsed = parseRelease('releases/2026/010-corpus.md', new TextEncoder().encode(source))
  checkReleases([parsed], entry.khmerDigits ? {...config, khmerDigits: entry.khmerDigits} : config, rules)
  const lines = source.split('\n')
  const khmerFrom = lines.indexOf('# ខ្មែរ') + 1
  const expectations = entry.expect.map((line) => {
    const [lang, rule, ...text] = line.split(' ')
    return {line, lang, rule, text: text.join(' ')}
  })
  const met = new Set<number>()
  const falseErrors: string[] = []
  for (const message of parsed.file.messages) {
    const lang = (message.line ?? 0) >= khmerFrom ? 'km' : 'en'
    const span = spanText(lines, message.place)
    const i = expectations.findIndex((expected, j) => !met.has(j) && expected.lang === lang && expected.rule === message.ruleId && span.includes(expected.text))
    if (i >= 0) met.add(i)
    else falseErrors.push(`${lang} ${message.ruleId} ${message.line}:${message.column} ${message.reason}`)
  }
  return {corpusCase: entry, falseErrors, missed: expectations.filter((_, j) => !met.has(j)).map((expected) => expected.line)}
}

export function corpusRules(): Rule[] {
  return allRules.filter((rule) => (corpusRuleIds as readonly string[]).includes(rule.id))
}

/** The source text of a message's span, without Markdown's `*` and `_` and link targets. */
function spanText(lines: readonly string[], place: unknown): string {
  const range = place as {start?: {line: number; column: number}; end?: {line: number; column: number}; line?: number; column?: number} | undefined
  const start = range?.start ?? (range?.line ? {line: range.line, column: range.column ?? 1} : null)
  if (!start) return ''
  const end = range?.end ?? start
  let text = ''
  for (let line = start.line; line <= end.line; line++) {
    const content = lines[line - 1] ?? ''
    text += content.slice(line === start.line ? start.column - 1 : 0, line === end.line ? end.column - 1 : undefined)
  }
  return text.replace(/\]\([^)]*\)/g, '').replace(/[*_[\]]/g, '')
}
