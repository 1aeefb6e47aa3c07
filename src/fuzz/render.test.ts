import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import type {RenderContext, RenderFinding} from '../render/renderer.js'
import {createRenderers} from '../render/renderers.js'
import {checkTexts, projectConfig, renderedRelease, repoRoot} from '../test/project.js'
import {releaseText} from './arbitraries.js'

/** Rendering is slower than checking; FUZZ_RUNS scales this too. */
const runs = Math.max(20, Math.round(Number(process.env.FUZZ_RUNS ?? 300) / 6))
const config = projectConfig()

/** Valid frontmatter, so the release has an identity, and a hostile body. */
const renderable = releaseText.map((text) => `---\nref: No. 10 PR-26/EoJ\ndate: 2026-02-18\n---\n${text.replace(/^\uFEFF/, '')}`)

describe('every renderer on hostile releases', () => {
  it('never throws; a problem is a finding with a rule id and, when it has one, a place in the file', async () => {
    const renderers = await createRenderers()
    const context: RenderContext = {config, root: repoRoot, now: new Date('2030-01-01T00:00:00Z'), generator: 'pressroom test'}
    for (const renderer of renderers) await renderer.prepare?.(context)
    await fc.assert(
      fc.asyncProperty(renderable, async (text) => {
        const [entry] = checkTexts({'releases/2026/010-fuzz.md': text}, config)
        // Each renderer sees the files of those before it, as in the build.
        const item = renderedRelease(entry!, config)
        const findings: RenderFinding[] = []
        for (const renderer of renderers) {
          const result = await renderer.renderRelease(item, context)
          findings.push(...result.findings)
          if (!result.findings.some((finding) => finding.severity === 'error')) item.files.push(...result.files)
        }
        const lines = String(entry!.file.value).split(/\r\n|\r|\n/).length
        for (const finding of findings) {
          expect(finding.ruleId).toBeTruthy()
          expect(finding.reason.length).toBeGreaterThan(0)
          const place = finding.place && ('start' in finding.place ? finding.place.start : finding.place)
          if (place) expect(place.line).toBeLessThanOrEqual(lines)
        }
        // Without findings, every output was made: the PDF, the preview and pages, and the e-mail.
        if (findings.length === 0) {
          const paths = item.files.map((file) => file.path)
          expect(paths).toContain('pdf/2026-010.pdf')
          expect(paths).toContain('preview/2026-010.html')
          expect(paths).toContain('email/2026-010.eml')
        }
      }),
      {numRuns: runs}
    )
  }, 300_000)
})
