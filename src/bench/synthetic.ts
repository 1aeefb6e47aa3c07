import {mkdir, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {toKhmerDigits} from '../facts/numerals.js'

/**
 * Writes `count` releases made from the seed into `root/releases/`, with
 * varied numbers, dates, amounts and text lengths, all valid, spread over
 * three years.
 */
export async function writeSyntheticReleases(seedPath: string, root: string, count: number): Promise<string[]> {
  const seed = await readFile(seedPath, 'utf8')
  const years = [2024, 2025, 2026]
  const perYear = Math.ceil(count / years.length)
  const paths: string[] = []
  for (let i = 0; i < count; i++) {
    const year = years[Math.floor(i / perYear)]!
    const n = (i % perYear) + 1
    const day = new Date(Date.UTC(year, 0, 1) + Math.floor(((n - 1) * 364) / perYear) * 86_400_000)
    const date = day.toISOString().slice(0, 10)
    const amount = ((i * 7919) % 900 + 100) * 1000
    const latin = amount.toLocaleString('en-US')
    let text = seed
      .replace(/^ref: .*$/m, `ref: No. ${n} PR-${String(year).slice(2)}/EoJ`)
      .replace(/^date: .*$/m, `date: ${date}`)
      .replaceAll('1,000,000', latin)
      .replaceAll('១,០០០,០០០', toKhmerDigits(latin))
    // Longer releases: repeat the closing paragraph of each language.
    const extra = i % 4
    if (extra > 0) {
      const [en, km] = text.split('# ខ្មែរ')
      const lastEn = en!.trimEnd().split('\n\n').at(-1)!
      const lastKm = km!.trimEnd().split('\n\n').at(-1)!
      text = `${en!.trimEnd()}\n\n${`${lastEn}\n\n`.repeat(extra)}# ខ្មែរ${km!.trimEnd()}\n\n${`${lastKm}\n\n`.repeat(extra).trimEnd()}\n`
    }
    const relative = `releases/${year}/${String(n).padStart(3, '0')}-synthetic-${i + 1}.md`
    await mkdir(path.join(root, path.dirname(relative)), {recursive: true})
    await writeFile(path.join(root, relative), text)
    paths.push(relative)
  }
  return paths
}
