import type {ReleaseIdentity} from '../release/identity.js'
import type {Release} from '../release/model.js'
import type {StoredMessage} from '../check/cache.js'
import type {OutputFile, ReleaseRender, RenderContext, Renderer} from './renderer.js'

/** One release to render, as plain data so that it can cross to a worker thread. */
export interface RenderJob {
  release: Release
  identity: ReleaseIdentity
  /** The release file's text, for positions in render diagnostics. */
  source: string
  /** The check's messages, for the preview. */
  messages: StoredMessage[]
  /** Which renderers (by name) run; the others' files are in `carried`. */
  run: Array<Renderer['name']>
  /** Files of renderers that do not run, which later renderers may use (the PDF). */
  carried: OutputFile[]
}

export interface RenderOutcome {
  files: Partial<Record<Renderer['name'], OutputFile[]>>
  findings: ReleaseRender['findings']
}

/** An outcome whose files a render worker wrote into the new output itself: their paths. */
export interface WrittenOutcome {
  files: Partial<Record<Renderer['name'], string[]>>
  findings: ReleaseRender['findings']
}

/**
 * Runs the job's renderers in order on one release. Each renderer sees the
 * files of those before it; an error finding stops that renderer's files
 * from being kept.
 */
export async function renderJob(job: RenderJob, renderers: readonly Renderer[], context: RenderContext): Promise<RenderOutcome> {
  const outcome: RenderOutcome = {files: {}, findings: []}
  const item = {release: job.release, identity: job.identity, files: [...job.carried]}
  for (const renderer of renderers) {
    if (!job.run.includes(renderer.name) || !renderer.renderRelease) continue
    const result = await renderer.renderRelease(item, context)
    outcome.findings.push(...result.findings)
    if (result.findings.some((finding) => finding.severity === 'error')) continue
    outcome.files[renderer.name] = result.files
    item.files.push(...result.files)
  }
  return outcome
}

/** Writes an outcome's files, one at a time (each may be large), and gives the outcome with their paths. */
export async function writeOutcome(outcome: RenderOutcome, write: (file: OutputFile) => Promise<void>): Promise<WrittenOutcome> {
  const files: WrittenOutcome['files'] = {}
  for (const [name, made] of Object.entries(outcome.files) as Array<[Renderer['name'], OutputFile[]]>) {
    for (const file of made) await write(file)
    files[name] = made.map((file) => file.path)
  }
  return {files, findings: outcome.findings}
}

/** What renderers need to know about the job being rendered, looked up by release. */
export class JobLookup {
  private readonly jobs = new WeakMap<Release, RenderJob>()

  add(job: RenderJob): void {
    this.jobs.set(job.release, job)
  }

  sourceFor = (release: Release): string => this.jobs.get(release)?.source ?? ''

  messagesFor = (release: Release): StoredMessage[] => this.jobs.get(release)?.messages ?? []
}
