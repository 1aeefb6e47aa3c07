/**
 * Letterhead PDF benchmarks on the seed release: render time in a fresh
 * process (Node start-up, HarfBuzz and font loading included) and warm
 * (median of in-process renders), file size, and how much of the Khmer
 * text `pdftotext` gives back word for word. Where Chromium is installed,
 * the same for a plain HTML rendering printed with `chromium --headless
 * --print-to-pdf`, and the ratios. Targets (2-core machine): warm ≤ 30 ms;
 * smaller than WeasyPrint's PDF of the same release (about 43 KB).
 */
import {execFileSync, spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {toHtml} from 'hast-util-to-html'
import {h} from 'hastscript'
import {formatEnglishDate, formatKhmerDate} from '../facts/render.js'
import {loadProject} from '../project/load.js'
import {sectionContent} from '../render/html/content.js'
import {loadPdfFonts, loadPdfTemplate, renderPdf} from '../render/pdf/index.js'
import type {Release} from '../release/model.js'
import {parseRelease} from '../release/parse.js'
import {blockTextNodes, plainText} from '../release/text.js'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const seedPath = 'releases/2026/010-japan-grant-ilo-returning-migrant-workers.md'
const CHROMIUM = '/usr/bin/chromium'

export async function benchPdf(): Promise<Array<{name: string; value: string}>> {
  const {config, root} = await loadProject(path.join(repo, 'pressroom.yaml'))
  const source = readFileSync(path.join(repo, seedPath), 'utf8')
  const release = parseRelease(seedPath, new TextEncoder().encode(source)).release
  const template = loadPdfTemplate(root)
  const {fonts} = loadPdfFonts(config)
  const render = () => renderPdf(release, config, fonts, {template, source, generator: 'pressroom bench'})

  const first = render()
  if (!first.bytes) throw new Error(`the seed release does not render: ${first.findings.map((f) => f.reason).join('; ')}`)
  const bytes = first.bytes
  const warmMs = medianMs(render)
  const cold = coldRender()
  const work = mkdtempSync(path.join(tmpdir(), 'pressroom-bench-pdf-'))
  try {
    const ours = path.join(work, 'pressroom.pdf')
    writeFileSync(ours, bytes)
    const tokens = khmerTokens(release, config.organisation.km, config.title.km, formatKhmerDate(release.frontmatter.date!, config.khmerDigits))
    const rows = [
      {name: 'pdf: seed release, fresh process: node start-up + load + render + write (ms)', value: cold.wallMs.toFixed(0)},
      {name: 'pdf: in that process, importing modules, reading config, fonts and template (ms)', value: cold.loadMs.toFixed(0)},
      {name: 'pdf: in that process, the first render (ms; HarfBuzz subsetter start-up, JIT cold)', value: cold.renderMs.toFixed(0)},
      {name: 'pdf: seed release, warm render (ms, median; target ≤ 30)', value: warmMs.toFixed(1)},
      {name: 'pdf: seed release size (bytes; WeasyPrint about 43 KB, Chromium about 81 KB)', value: bytes.length.toLocaleString('en')},
      {name: 'pdf: Khmer words pdftotext gives back verbatim', value: score(ours, tokens)}
    ]
    if (!existsSync(CHROMIUM)) {
      rows.push({name: 'pdf: Chromium comparison', value: `skipped: ${CHROMIUM} is not installed`})
      return rows
    }
    const html = path.join(work, 'release.html')
    writeFileSync(html, releaseHtml(release, config.organisation, config.title))
    const chromiumPdf = path.join(work, 'chromium.pdf')
    const started = performance.now()
    const run = spawnSync(
      CHROMIUM,
      ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${chromiumPdf}`, pathToFileURL(html).href],
      {stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000}
    )
    const chromiumMs = performance.now() - started
    if (run.status !== 0 || !existsSync(chromiumPdf)) {
      rows.push({name: 'pdf: Chromium comparison', value: `skipped: chromium failed (${run.status}): ${run.stderr.toString().trim().split('\n').at(-1) ?? ''}`})
      return rows
    }
    const chromiumSize = statSync(chromiumPdf).size
    rows.push(
      {name: 'pdf: Chromium --headless --print-to-pdf, same release as HTML (ms, one run)', value: chromiumMs.toFixed(0)},
      {name: 'pdf: Chromium PDF size (bytes)', value: chromiumSize.toLocaleString('en')},
      {name: 'pdf: Chromium Khmer words pdftotext gives back verbatim', value: score(chromiumPdf, tokens)},
      {name: 'pdf: time ratio, Chromium / pressroom fresh process', value: (chromiumMs / cold.wallMs).toFixed(1)},
      {name: 'pdf: size ratio, Chromium / pressroom', value: (chromiumSize / bytes.length).toFixed(2)}
    )
    return rows
  } finally {
    rmSync(work, {recursive: true, force: true})
  }
}

/** One render in a new Node process, from the compiled renderer in dist/. */
function coldRender(): {wallMs: number; loadMs: number; renderMs: number} {
  const dist = (relative: string) => pathToFileURL(path.join(repo, 'dist', relative)).href
  const script = `
    const started = performance.now()
    const {readFileSync, writeFileSync} = await import('node:fs')
    const {loadProject} = await import(${JSON.stringify(dist('project/load.js'))})
    const {parseRelease} = await import(${JSON.stringify(dist('release/parse.js'))})
    const pdf = await import(${JSON.stringify(dist('render/pdf/index.js'))})
    const {config, root} = await loadProject(${JSON.stringify(path.join(repo, 'pressroom.yaml'))})
    const bytes = readFileSync(${JSON.stringify(path.join(repo, seedPath))})
    const {release} = parseRelease(${JSON.stringify(seedPath)}, bytes)
    const fonts = pdf.loadPdfFonts(config).fonts
    const template = pdf.loadPdfTemplate(root)
    const loaded = performance.now()
    const result = pdf.renderPdf(release, config, fonts, {template, source: bytes.toString('utf8')})
    const rendered = performance.now()
    writeFileSync(${JSON.stringify(path.join(tmpdir(), 'pressroom-bench-cold.pdf'))}, result.bytes)
    process.stdout.write(JSON.stringify({loadMs: loaded - started, renderMs: rendered - loaded}))
  `
  const started = performance.now()
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {encoding: 'utf8'})
  const wallMs = performance.now() - started
  rmSync(path.join(tmpdir(), 'pressroom-bench-cold.pdf'), {force: true})
  return {wallMs, ...(JSON.parse(out) as {loadMs: number; renderMs: number})}
}

function khmerTokens(release: Release, ...letterhead: string[]): string[] {
  const section = release.sections.km!
  const texts = [...letterhead, section.headline?.text ?? '']
  for (const block of section.blocks) texts.push(block.type === 'paragraph' || block.type === 'heading' ? plainText(block.children) : blockTextNodes(block).map((node) => node.value).join(' '))
  return texts.flatMap((text) => text.split(/\s+/u)).filter((token) => /[\u1780-\u17FF]/u.test(token))
}

/** Tokens found whole in `pdftotext` output, a line break allowed between two of their characters (a wrapped word). */
function score(pdf: string, tokens: readonly string[]): string {
  let text: string
  try {
    text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], {encoding: 'utf8'})
  } catch {
    return 'skipped: pdftotext is not installed'
  }
  const found = tokens.filter((token) => {
    const chars = [...token].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    return new RegExp(`(?:^|\\s)${chars.join('\\n?')}(?=\\s|$)`, 'u').test(text)
  })
  return `${found.length}/${tokens.length}`
}

/** The release as a plain HTML page with the letterhead, in the PDF's fonts. */
function releaseHtml(release: Release, organisation: {en: string; km: string}, title: {en: string; km: string}): string {
  const font = (name: string) => pathToFileURL(path.join(repo, 'fonts', `${name}.ttf`)).href
  const faces = [
    ['Noto Sans', 'NotoSans-Regular', 'normal'],
    ['Noto Sans', 'NotoSans-Bold', 'bold'],
    ['Noto Sans Khmer', 'NotoSansKhmer-Regular', 'normal'],
    ['Noto Sans Khmer', 'NotoSansKhmer-Bold', 'bold']
  ]
    .map(([family, file, weight]) => `@font-face{font-family:"${family}";src:url(${font(file!)});font-weight:${weight}}`)
    .join('\n')
  const date = release.frontmatter.date!
  const parts = (['en', 'km'] as const).map((lang) => {
    const {headline, body} = sectionContent(release.sections[lang]!)
    return h('section', {lang, style: lang === 'km' ? 'break-before:page' : undefined}, [
      h('p.org', organisation[lang]),
      h('p.title', title[lang]),
      h('p.ref', release.frontmatter.ref ?? ''),
      h('p.ref', lang === 'km' ? formatKhmerDate(date) : formatEnglishDate(date)),
      ...(headline ? [headline] : []),
      ...body
    ])
  })
  const style = `${faces}
@page{size:A4;margin:18mm 22mm 22mm}
body{font-family:"Noto Sans","Noto Sans Khmer",sans-serif;font-size:11pt;line-height:1.45}
[lang=km]{font-family:"Noto Sans Khmer","Noto Sans",sans-serif;line-height:1.95}
.org,.title,h1{text-align:center;font-weight:bold}.org{text-transform:uppercase;font-size:15pt}.ref{text-align:right;margin:0}
h1{font-size:12.5pt}p{text-align:justify}`
  return `<!doctype html>${toHtml(h('html', {lang: 'en'}, [h('head', [h('meta', {charset: 'utf-8'}), h('style', style)]), h('body', parts)]))}`
}

/** Median of timed runs after a warm-up, for at least ~1 s. */
function medianMs(run: () => void): number {
  for (let i = 0; i < 10; i++) run()
  const samples: number[] = []
  const until = performance.now() + 1000
  while (samples.length < 20 || (performance.now() < until && samples.length < 200)) {
    const start = performance.now()
    run()
    samples.push(performance.now() - start)
  }
  samples.sort((a, b) => a - b)
  return samples[samples.length >> 1]!
}
