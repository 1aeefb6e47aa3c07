import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {storeMessages} from '../check/cache.js'
import {JobLookup, renderJob} from '../build/render.js'
import type {RenderContext} from '../build/renderer.js'
import {createRenderers, rendererOrder} from '../cli/build.js'
import {releaseIdentity} from '../release/identity.js'
import {checkTexts, projectConfig, repoRoot} from '../test/project.js'
import {releaseText} from './arbitraries.js'

/** Rendering is slower than checking; FUZZ_RUNS scales this too. */
const runs = Math.max(20, Math.round(Number(process.env.FUZZ_RUNS ?? 300) / 6))
const config = projectConfig()

/** Valid frontmatter, so the release has an identity, and a hostile body. */
const renderable = releaseText.map((text) => `---\nref: No. 10 PR-26/EoJ\ndate: 2026-02-18\n---\n${text.replace(/^\uFEFF/, '')}`)

describe('every renderer on hostile releases', () => {
  it('never throws; a problem is a finding with a rule id and, when it has one, a place in the file', async () => {
    const lookup = new JobLookup()
    const renderers = await createRenderers(lookup)
    const context: RenderContext = {config, root: repoRoot, now: new Date('2030-01-01T00:00:00Z'), generator: 'pressroom test'}
    for (const renderer of renderers) await renderer.prepare?.(context)
    await fc.assert(
      fc.asyncProperty(renderable, async (text) => {
        const [entry] = checkTexts({'releases/2026/010-fuzz.md': text}, config)
        const identity = releaseIdentity(entry!.release, config)!
        const job = {
          release: entry!.release,
          identity,
          source: String(entry!.file.value),
          messages: storeMessages(entry!.file, new Set()),
          run: [...rendererOrder],
          carried: []
        }
        lookup.add(job)
        const outcome = await renderJob(job, renderers, context)
        const lines = String(entry!.file.value).split(/\r\n|\r|\n/).length
        for (const finding of outcome.findings) {
          expect(finding.ruleId).toBeTruthy()
          expect(finding.reason.length).toBeGreaterThan(0)
          const place = finding.place && ('start' in finding.place ? finding.place.start : finding.place)
          if (place) expect(place.line).toBeLessThanOrEqual(lines)
        }
        // Without findings, every output was made: the PDF, pages and the e-mail.
        if (outcome.findings.length === 0) {
          expect(outcome.files.pdf?.[0]?.path).toBe('pdf/2026-010.pdf')
          expect(outcome.files.email?.[0]?.path).toBe('email/2026-010.eml')
        }
      }),
      {numRuns: runs}
    )
  }, 300_000)
})
