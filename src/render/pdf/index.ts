/**
 * The letterhead PDF renderer: `out/pdf/YYYY-NNN.pdf` for every release.
 *
 * `createPdfRenderer` is what the build runs; `renderPdf` is the pure
 * function underneath (release, config, fonts, template in; bytes or
 * findings out). The layout comes from `templates/pdf/letterhead.yaml`.
 */
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import type {Renderer, ReleaseRender} from '../renderer.js'
import type {Config, FontRole} from '../../config/model.js'
import type {Lang} from '../../release/model.js'
import {fontPath, packageRoot} from '../../package.js'
import {breakOpportunities, FontLoadError, loadFont, type LoadedFont} from '../../text/index.js'
import {pdfkit} from './pdfkit-document.js'
import type {FontChains} from './layout/index.js'
import {renderPdf, type PdfFinding} from './render.js'
import {parseTemplate, type PdfTemplate} from './template.js'

export {renderPdf, type PdfFinding, type PdfResult, type RenderPdfOptions} from './render.js'
export {parseTemplate, TemplateError, type PdfTemplate, type TemplateProblem} from './template.js'
export type {FontChains} from './layout/index.js'

/** Where the template is looked for in a project; pressroom's own copy is used when the project has none. */
export const templatePath = 'templates/pdf/letterhead.yaml'

/**
 * Reads the PDF template of the project at `root` (or pressroom's own).
 * Throws `TemplateError` (every problem as `path:line:column: reason`) when
 * it is invalid.
 */
export function loadPdfTemplate(root: string, relative: string = templatePath): PdfTemplate {
  const own = path.resolve(root, relative)
  const file = existsSync(own) ? own : path.join(packageRoot, templatePath)
  return parseTemplate(path.relative(process.cwd(), file) || file, readFileSync(file, 'utf8'))
}

/** A font of `pressroom.yaml` that cannot be used, with why. */
export interface FontProblem {
  lang: Lang
  role: FontRole
  path: string
  reason: string
}

/** Loads the font chains of `config.fonts` (paths relative to `config.root`); problems are returned, not thrown. */
export function loadPdfFonts(config: Config): {fonts: FontChains; problems: FontProblem[]} {
  const problems: FontProblem[] = []
  const fonts = {} as FontChains
  for (const lang of ['en', 'km'] as const) {
    fonts[lang] = {} as Record<FontRole, LoadedFont[]>
    for (const role of ['regular', 'bold', 'italic', 'boldItalic'] as const) {
      const chain: LoadedFont[] = []
      const paths = config.fonts[lang][role]
      if (paths.length === 0) problems.push({lang, role, path: '(none)', reason: 'the list is empty'})
      for (const relative of paths) {
        try {
          const font = loadFont(fontPath(config.root, relative))
          const cff = font.hbFace.referenceTable('CFF ')
          if (cff && cff.length > 0) {
            problems.push({lang, role, path: relative, reason: 'it has PostScript (CFF) outlines; the PDF needs a TrueType-outline font'})
            continue
          }
          chain.push(font)
        } catch (error) {
          if (!(error instanceof FontLoadError)) throw error
          problems.push({lang, role, path: relative, reason: error.message.replace(/^cannot read font \S+: /, '')})
        }
      }
      fonts[lang][role] = chain
    }
  }
  return {fonts, problems}
}

export interface PdfRendererOptions {
  /** The template, relative to the project folder (default `templates/pdf/letterhead.yaml`). */
  template?: string
}

/**
 * The build's PDF renderer. `prepare` reads the template (throwing
 * `TemplateError` when it is invalid) and the fonts; `renderRelease`
 * returns `pdf/YYYY-NNN.pdf`, or error findings (`missing-glyph`,
 * `text-overflow`, `font`) and no file.
 */
export function createPdfRenderer(options: PdfRendererOptions = {}): Renderer {
  let prepared: {root: string; template: PdfTemplate; fonts: FontChains; problems: FontProblem[]} | null = null
  const prepare = (root: string, config: Config) => {
    if (prepared?.root === root) return prepared
    const template = loadPdfTemplate(root, options.template)
    const {fonts, problems} = loadPdfFonts(config)
    prepared = {root, template, fonts, problems}
    return prepared
  }
  return {
    name: 'pdf',
    async prepare(context) {
      prepared = null
      prepare(context.root, context.config)
      // What the first document would load: pdfkit, and the line breaker's tables.
      pdfkit()
      breakOpportunities('ក ខ a-b')
    },
    async renderRelease(rendered, context): Promise<ReleaseRender> {
      const {template, fonts, problems} = prepare(context.root, context.config)
      const {release} = rendered
      const fontFindings: PdfFinding[] = problems
        .filter((problem) => release.sections[problem.lang])
        .map((problem) => ({
          ruleId: 'font',
          severity: 'error',
          reason: `Font ${problem.path} (\`fonts.${problem.lang}.${problem.role}\` in pressroom.yaml) cannot be used: ${problem.reason}; fix the path or the file`,
          place: release.sections[problem.lang]!.headingPosition
        }))
      if (fontFindings.length > 0) return {files: [], findings: fontFindings}
      const {bytes, findings} = renderPdf(release, context.config, fonts, {
        template,
        // The file's text gives findings their exact line:column; an empty text cannot be a release's source.
        source: rendered.source || undefined,
        generator: context.generator
      })
      return {files: bytes ? [{path: `pdf/${rendered.identity.id}.pdf`, data: bytes}] : [], findings}
    }
  }
}
