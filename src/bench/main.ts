/**
 * `npm run bench`: prints performance figures as a table. Figures, not
 * pass/fail: the targets are printed beside them for a reader to compare.
 */
import {benchBuild} from './build.js'
import {benchCard} from './card.js'
import {benchJustify} from './justify.js'
import {benchHostile} from './hostile.js'
import {benchPdf} from './pdf.js'
import {benchSearch} from './search.js'
import {benchText} from './text.js'

interface Row {
  name: string
  value: string
}

const sections: Array<[string, () => Promise<Row[]>]> = [
  ['text engine', benchText],
  ['justify', benchJustify],
  ['pdf', benchPdf],
  ['search', benchSearch],
  ['cards', benchCard],
  ['build', benchBuild],
  ['hostile input', benchHostile]
]

const rows: Array<[string, string, string]> = []
for (const [section, bench] of sections) {
  for (const row of await bench()) rows.push([section, row.name, row.value])
}
const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i]!.length), ['area', 'measure', 'value'][i]!.length))
const line = (cells: readonly string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')
process.stdout.write(`${line(['area', 'measure', 'value'])}\n${line(widths.map((w) => '-'.repeat(w)))}\n`)
for (const row of rows) process.stdout.write(`${line(row)}\n`)
