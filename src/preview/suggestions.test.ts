import {HtmlValidate} from 'html-validate'
import {beforeAll, describe, expect, it} from 'vitest'
import {indexMemory} from '../memory/lookup.js'
import {updateMemory} from '../memory/memory.js'
import {findElements, parseHtml, textOf} from '../test/hast.js'
import {checkTexts, projectConfig, repoRoot} from '../test/project.js'
import {loadPreviewAssets} from './assets.js'
import {renderPreview, type PreviewAssets} from './render-preview.js'
import {previewSuggestions} from './suggestions.js'

const config = projectConfig()
let assets: PreviewAssets

beforeAll(async () => {
  assets = await loadPreviewAssets(repoRoot, config)
})

const release = (n: number, date: string, en: string, km: string) =>
  `---\nref: No. ${n} PR-26/EoJ\ndate: ${date}\n---\n# English\n\n## Japan Supports Schools\n\n${en}\n\n# ខ្មែរ\n\n## ជប៉ុនគាំទ្រសាលារៀន\n\n${km}\n`

function page(files: Record<string, string>, path: string) {
  const entries = checkTexts(files, config)
  const sources = entries.map((entry) => ({release: entry.release, source: String(entry.file.value)}))
  const index = indexMemory(updateMemory(null, sources, config.glossary).memory, {glossary: config.glossary, khmerDigits: config.khmerDigits})
  const entry = entries.find((candidate) => candidate.release.path === path)!
  const found = previewSuggestions(entry.release, String(entry.file.value), index)
  return renderPreview(entry, config, {assets, suggestions: {found, links: {href: (p) => p.replace(/^releases\/(\d{4})\/(\d{3}).*$/, '$1-$2.html')}}})
}

describe('suggestions in the preview page', () => {
  it('escape what an earlier release holds, and the page stays valid HTML', async () => {
    const files = {
      // Character references: the reader refuses raw HTML, but the text may hold the characters.
      'releases/2026/001-a.md': release(1, '2026-01-10', 'The school will open on Monday &lt;script>alert(1)&lt;/script>.', 'សាលានឹងបើកនៅថ្ងៃច័ន្ទ &lt;script>alert(1)&lt;/script>"\'។'),
      'releases/2026/002-b.md': release(2, '2026-02-10', 'The school will open on Monday &lt;script>alert(1)&lt;/script>.', 'TODO អត្ថបទ។')
    }
    const html = page(files, 'releases/2026/002-b.md')
    const root = parseHtml(html)
    const scripts = findElements(root, (e) => e.tagName === 'script')
    // Only the preview's own script.
    expect(scripts).toHaveLength(1)
    const copy = findElements(root, (e) => e.properties.className?.includes('tm-copy') === true)
    // The headline, then the paragraph.
    expect(copy.map((e) => e.properties.dataCopy)).toEqual(['ជប៉ុនគាំទ្រសាលារៀន', 'សាលានឹងបើកនៅថ្ងៃច័ន្ទ <script>alert(1)</script>"\'។'])
    expect(textOf(findElements(root, (e) => e.properties.className?.includes('tm-khmer') === true)[1]!)).toBe(
      'សាលានឹងបើកនៅថ្ងៃច័ន្ទ <script>alert(1)</script>"\'។'
    )
    const report = await new HtmlValidate({extends: ['html-validate:recommended'], rules: {'no-inline-style': 'off', 'long-title': 'off', 'no-trailing-whitespace': 'off', 'attribute-empty-style': 'off'}}).validateString(html)
    const errors = report.results.flatMap((result) => result.messages).filter((m) => /tm-|suggestion|role|tabindex/.test(m.message + m.selector))
    expect(errors).toEqual([])
  })

  it('are not shown for the first release, nor from later ones', () => {
    const files = {
      'releases/2026/001-a.md': release(1, '2026-01-10', 'The school will open on Monday.', 'សាលានឹងបើកនៅថ្ងៃច័ន្ទ។'),
      'releases/2026/002-b.md': release(2, '2026-02-10', 'The school will open on Monday.', 'សាលារៀននឹងបើកនៅថ្ងៃច័ន្ទ។')
    }
    expect(page(files, 'releases/2026/001-a.md')).not.toContain('class="tm"')
    const later = parseHtml(page(files, 'releases/2026/002-b.md'))
    const exact = findElements(later, (e) => e.properties.dataKind === 'exact')
    expect(exact.map((e) => e.properties.dataSource)).toEqual(['releases/2026/001-a.md', 'releases/2026/001-a.md'])
    const link = findElements(exact[0]!, (e) => e.tagName === 'a')[0]!
    expect(link.properties.href).toBe('2026-001.html')
  })
})

