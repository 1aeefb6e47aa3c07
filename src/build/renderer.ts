import type {Config} from '../config/model.js'
import type {Finding} from '../check/rule.js'
import type {ReleaseIdentity} from '../release/identity.js'
import type {Release} from '../release/model.js'

/** One file of the build, relative to the output folder, `/`-separated. */
export interface OutputFile {
  path: string
  data: Uint8Array | string
  /** The length in bytes, when known without reading `data` (a file of the previous output). */
  readonly size?: number
}

export type Memo = (key: string, make: () => Promise<Uint8Array>, lifetime?: 'brief') => Promise<Uint8Array>

export interface RenderContext {
  config: Config
  /** The project folder: fonts and templates resolve from here. */
  root: string
  /** The moment the build publishes at (`--now`), for embargoes; never stamped into outputs. */
  now: Date
  /** `pressroom X.Y.Z`, for generator tags. */
  generator: string
  /**
   * Keeps costly results (font subsets) from one build to the next: returns
   * what `make` returned in an earlier build for the same key. A `brief`
   * result is kept only while each build asks for it again (a page that
   * depends on every release), others a while longer.
   */
  memo?: Memo
}

/** What one renderer made of one release, or why it could not. */
export interface ReleaseRender {
  files: OutputFile[]
  /** Problems with a position in the release (a missing glyph); any error means no files. */
  findings: Array<Finding & {ruleId: string; severity: 'error' | 'warning'}>
}

export interface RenderedRelease {
  release: Release
  identity: ReleaseIdentity
  /** Files made for this release so far by earlier renderers (the PDF for the site and e-mail). */
  files: OutputFile[]
}

/**
 * A renderer turns releases into output files. Renderers run in order
 * (pdf, html, email), so later ones can use earlier ones' files.
 */
export interface Renderer {
  name: 'pdf' | 'html' | 'email'
  /** Prepare what is shared by all releases (fonts, templates); once per build. */
  prepare?(context: RenderContext): Promise<void>
  renderRelease?(release: RenderedRelease, context: RenderContext): Promise<ReleaseRender>
  /**
   * Files made from all releases together: indexes, feeds, sitemap. The
   * build may call it while releases are still being rendered: their
   * `files` are final once `rendered` settles, and what needs only the
   * releases themselves can be made before.
   */
  renderSite?(releases: readonly RenderedRelease[], context: RenderContext, rendered?: Promise<void>): Promise<OutputFile[]>
}
