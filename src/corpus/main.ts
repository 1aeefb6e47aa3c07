/**
 * `npm run corpus`: how pressroom's fact and Khmer rules do on text as
 * people write it.
 *
 * 1. The corpus of fixtures/facts: false errors (messages on correct text,
 *    or beyond a case's slips) and missed slips. Both must be 0.
 * 2. With PRESSROOM_KHMER_CORPUS set to a folder of plain Khmer text files
 *    (published prose: `*_orig.txt`, or every `*.txt` when there are none),
 *    every Khmer rule over that prose, and the messages per rule: there are
 *    no slips in published prose to speak of, so each is a likely false
 *    alarm to read. The facts found in it are counted too.
 * 3. The time to read the facts of one paragraph of 0.5, 1 and 2 MB, of
 *    ordinary text and of text made to make a careless pattern backtrack:
 *    twice the text should take about twice the time.
 */
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {performance} from 'node:perf_hooks'
import {fileURLToPath} from 'node:url'
import {checkReleases} from '../check/index.js'
import {rules as allRules} from '../check/rules/index.js'
import {parseConfig} from '../config/parse.js'
import {extractFromText} from '../facts/extract.js'
import type {Point, Release, Section, TextNode} from '../release/model.js'
import {corpusRules, loadCorpus, runCase} from './cases.js'
import {VFile} from 'vfile'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const {config} = parseConfig('pressroom.yaml', root, readFileSync(path.join(root, 'pressroom.yaml'), 'utf8'), allRules.map((rule) => rule.id))
if (!config) throw new Error('pressroom.yaml has errors')

// 1. The corpus of fixtures/facts.
const cases = loadCorpus(path.join(root, 'fixtures/facts'))
let falseErrors = 0
let missed = 0
let slips = 0
for (const entry of cases) {
  const result = runCase(entry, config)
  slips += entry.expect.length
  for (const line of result.falseErrors) console.log(`false error  ${entry.file}: ${entry.name}: ${line}`)
  for (const line of result.missed) console.log(`missed slip  ${entry.file}: ${entry.name}: ${line}`)
  falseErrors += result.falseErrors.length
  missed += result.missed.length
}
const correct = cases.filter((entry) => entry.expect.length === 0).length
console.log(`fixtures/facts: ${cases.length} cases (${correct} correct, ${cases.length - correct} with ${slips} slips): ${falseErrors} false errors, ${missed} missed slips`)

// 2. Real Khmer prose.
const folder = process.env.PRESSROOM_KHMER_CORPUS
if (!folder) {
  console.log('PRESSROOM_KHMER_CORPUS is not set: no real Khmer prose checked (set it to a folder of Khmer .txt files)')
} else {
  const names = readdirSync(folder).filter((name) => name.endsWith('.txt'))
  const files = names.some((name) => name.endsWith('_orig.txt')) ? names.filter((name) => name.endsWith('_orig.txt')) : names
  const khmerRules = corpusRules().filter((rule) => rule.id.startsWith('khmer-') || rule.id === 'digits')
  const perRule = new Map<string, string[]>()
  const facts = new Map<string, number>()
  let characters = 0
  let paragraphs = 0
  let readMs = 0
  for (const name of files.sort()) {
    const text = readFileSync(path.join(folder, name), 'utf8').replace(/^\ufeff/, '')
    characters += text.length
    const {release, source, lines} = proseRelease(name, text)
    paragraphs += lines
    const file = new VFile({path: name, value: source})
    checkReleases([{release, file}], config, khmerRules)
    for (const message of file.messages) {
      const list = perRule.get(message.ruleId ?? '') ?? []
      list.push(`${name}:${message.line}:${message.column} ${message.reason}`)
      perRule.set(message.ruleId ?? '', list)
    }
    const started = performance.now()
    for (const line of text.split('\n')) for (const fact of extractFromText(line, 'km')) facts.set(fact.value.type, (facts.get(fact.value.type) ?? 0) + 1)
    readMs += performance.now() - started
  }
  console.log(`${folder}: ${files.length} files, ${paragraphs} paragraphs, ${characters} characters`)
  for (const rule of khmerRules) {
    const list = perRule.get(rule.id) ?? []
    console.log(`  ${rule.id}: ${list.length} messages`)
    for (const line of list.slice(0, 8)) console.log(`    ${line}`)
    if (list.length > 8) console.log(`    … ${list.length - 8} more`)
  }
  console.log(`  facts read: ${[...facts].map(([type, n]) => `${type} ${n}`).join(', ')} in ${readMs.toFixed(0)} ms`)
}

// 3. Linear time on long paragraphs.
const samples: Record<string, (size: number) => string> = {
  'Khmer prose with figures': (size) => repeat('ជំនួយចំនួន **៨៥ ០០០** ដុល្លារអាមេរិក នៅថ្ងៃទី២៥ ខែមីនា ឆ្នាំ២០២៦ ម៉ោង ២ រសៀល ដល់ពលករ ១,២០០ នាក់ (៦០%) ទូរស័ព្ទ 023 217 161។ ', size),
  'English prose with figures': (size) => repeat('The grant of US$1.5 million on 18 February 2026 trains 1,200 workers (60 percent women) in grades 1-6; call +855 23 217 161. ', size),
  'one digit run': (size) => '៥'.repeat(size),
  'one Latin word': (size) => 'a'.repeat(size),
  'dots and digits': (size) => repeat('1.', size),
  'at signs': (size) => repeat('a@', size),
  'Khmer letters': (size) => repeat('ពីរ', size)
}
console.log('reading the facts of one paragraph (ms for 0.5, 1, 2 MB; the last over the first should be about 4):')
for (const [name, make] of Object.entries(samples)) {
  const times = [0.5, 1, 2].map((mb) => {
    const text = make(Math.round(mb * 1024 * 1024))
    const started = performance.now()
    extractFromText(text, /[a-z]/i.test(text.slice(0, 40)) ? 'en' : 'km')
    return performance.now() - started
  })
  console.log(`  ${name}: ${times.map((ms) => ms.toFixed(0)).join(', ')} (×${(times[2]! / times[0]!).toFixed(1)})`)
}

process.exitCode = falseErrors + missed > 0 ? 1 : 0

function repeat(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size)
}

/**
 * A release whose Khmer section holds each non-empty line of a text as a
 * paragraph, built as the reader would build it but without reading the
 * text as Markdown (prose holds `*`, `_` and `#` that Markdown would take).
 */
function proseRelease(name: string, text: string): {release: Release; source: string; lines: number} {
  const header = '# ខ្មែរ\n\n'
  let source = header
  const point = (offset: number): Point => {
    const before = source.slice(0, offset)
    const line = before.split('\n').length
    return {line, column: offset - before.lastIndexOf('\n'), offset}
  }
  const blocks: Section['blocks'] = []
  const starts: Array<[number, string]> = []
  for (const line of text.split('\n')) {
    const value = line.replace(/\r$/, '')
    if (value.trim() === '') continue
    starts.push([source.length, value])
    source += `${value}\n\n`
  }
  for (const [offset, value] of starts) {
    const position = {start: point(offset), end: point(offset + value.length)}
    const node: TextNode = {type: 'text', value, position}
    blocks.push({type: 'paragraph', children: [node], position})
  }
  const heading = {start: point(0), end: point(header.length - 2)}
  const section: Section = {lang: 'km', label: 'ខ្មែរ', headingPosition: heading, headline: null, blocks, position: {start: heading.start, end: point(source.length)}}
  const release: Release = {
    path: name,
    frontmatter: {position: null, readable: true, fields: {}, ref: null, date: null, embargo: null, draft: false, unreadable: []},
    sections: {km: section},
    order: ['km'],
    source: {bom: false, lineEnding: '\n'}
  }
  return {release, source, lines: starts.length}
}
