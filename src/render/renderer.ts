import type {SearchRecord} from '../search/index.js'
import type {StoredMessage} from '../diagnostic/message.js'
import type {Finding} from '../check/rule.js'
import type {Config} from '../config/model.js'
import type {ReleaseIdentity} from '../release/identity.js'
import type {Release} from '../release/model.js'

/** The renderers of a release, in the order they run: later ones use earlier ones' files (the PDF). */
export const rendererNames = ['pdf', 'site', 'email'] as const

export type RendererName = (typeof rendererNames)[number]

/** One file of the build, relative to the output folder, `/`-separated. */
export interface OutputFile {
  path: string
  data: Uint8Array | string
}

/** Keeps a costly result (a web font) from one build to the next: `make` runs only for a key not seen before. */
export type Memo = (key: string, make: () => Promise<Uint8Array>) => Promise<Uint8Array>

export interface RenderContext {
  config: Config
  /** The project folder: fonts and templates resolve from here. */
  root: string
  /** The moment the build publishes at (`--now`), for embargoes; never stamped into outputs. */
  now: Date
  /** `pressroom X.Y.Z`, for generator tags. */
  generator: string
  memo?: Memo
}

export type RenderFinding = Finding & {ruleId: string; severity: 'error' | 'warning'}

/** What one renderer made of one release, or why it could not. */
export interface ReleaseRender {
  files: OutputFile[]
  /** Problems with a position in the release (a missing glyph); any error means no files. */
  findings: RenderFinding[]
  /** What the site's search index holds of the release: the site renderer's, for a published release. */
  search?: SearchRecord[]
}

export interface RenderedRelease {
  release: Release
  identity: ReleaseIdentity
  /** The release file's text, for exact positions in findings. */
  source: string
  /** Whether the release is on the site at the build's `now`: not a draft, embargo passed. */
  published: boolean
  /** The check's messages, for the preview. */
  messages: readonly StoredMessage[]
  /** Files made for this release by earlier renderers (the PDF, for the site and the e-mail). */
  files: OutputFile[]
}

export interface Renderer {
  name: RendererName
  /** Loads what is shared by all releases (fonts, templates); once per build and thread. */
  prepare?(context: RenderContext): Promise<void>
  renderRelease(release: RenderedRelease, context: RenderContext): Promise<ReleaseRender>
}
