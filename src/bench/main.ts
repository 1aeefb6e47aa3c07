/**
 * `npm run bench`: prints performance figures as a table. Figures, not
 * pass/fail: the targets are printed beside them for a reader to compare.
 * `node dist/bench/main.js states pdf` runs only the named areas.
 */
import {benchBuild} from './build.js'
import {benchCard} from './card.js'
import {benchJustify} from './justify.js'
import {benchHostile} from './hostile.js'
import {benchMemory} from './memory.js'
import {benchPdf} from './pdf.js'
import {benchSearch} from './search.js'
import {benchStates} from './states.js'
import {benchText} from './text.js'

interface Row {
  name: string
  value: string
}

const sections: Array<[string, () => Promise<Row[]>]> = [
  ['text engine', benchText],
  ['justify', benchJustify],
  ['pdf', benchPdf],
  ['states', benchStates],
  ['search', benchSearch],
  ['cards', benchCard],
  ['build', benchBuild],
  ['hostile input', benchHostile],
  ['memory', benchMemory]
]
const wanted = process.argv.slice(2)
const unknown = wanted.filter((name) => !sections.some(([section]) => section === name))
if (unknown.length > 0) {
  process.stderr.write(`unknown bench area ${unknown.join(', ')}; the areas are ${sections.map(([section]) => section).join(', ')}\n`)
  process.exit(2)
}

const rows: Array<[string, string, string]> = []
for (const [section, bench] of sections) {
  if (wanted.length > 0 && !wanted.includes(section)) continue
  for (const row of await bench()) rows.push([section, row.name, row.value])
}
const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i]!.length), ['area', 'measure', 'value'][i]!.length))
const line = (cells: readonly string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')
process.stdout.write(`${line(['area', 'measure', 'value'])}\n${line(widths.map((w) => '-'.repeat(w)))}\n`)
for (const row of rows) process.stdout.write(`${line(row)}\n`)
