import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {fontPath, packageRoot} from '../../package.js'
import {sha256} from '../../hash.js'
import * as v from 'valibot'
import type {Config} from '../../config/model.js'
import {here, map, readYamlOrThrow} from '../../config/yaml-schema.js'
import type {Lang} from '../../release/model.js'
import {parseTemplate, type Template} from '../html/template.js'
import {webFontFaces, type LoadedWebFontFace} from './fonts.js'

/** The installed package's folder: its `templates/` and `fonts/` are the defaults. */
export {packageRoot}

export const labelKeys = [
  'language', 'pressReleases', 'allReleases', 'noReleases', 'reference', 'date', 'tel', 'email', 'website', 'pdf', 'feed', 'colon',
  'search', 'searchLabel', 'searchButton', 'searchNeedsScript', 'searchFound', 'searchNone', 'searchFailed', 'searching', 'searchMore'
] as const

export type Labels = Record<(typeof labelKeys)[number], string>

export interface SiteAssets {
  release: Template
  index: Template
  home: Template
  search: Template
  /** The stylesheet, copied as it is. */
  css: string
  /** The search page's script (`search.js`), and the modules it imports, as compiled: site paths under `assets/` and text. */
  searchScripts: Array<{path: string; text: string}>
  labels: Record<Lang, Labels>
  fonts: LoadedWebFontFace[]
  /** Licence files found beside the fonts (OFL.txt), served with them. */
  fontLicences: Array<{name: string; data: Uint8Array}>
  /** A hash of the templates, stylesheet and labels: what pages depend on besides the releases and the config. */
  fingerprint: string
}

/**
 * Reads a file of `templates/site/`: the project's copy when it has one,
 * else the one shipped with pressroom, so an office restyles only the files
 * it copies.
 */
export async function readTemplateFile(root: string, name: string): Promise<{path: string; text: string}> {
  for (const base of [root, packageRoot]) {
    const file = path.join(base, 'templates', 'site', name)
    const text = await readFile(file, 'utf8').catch(() => null)
    if (text !== null) return {path: path.relative(root, file) || file, text: text.replace(/^\uFEFF/, '')}
  }
  throw new Error(`cannot read templates/site/${name}; restore it from the pressroom package`)
}

/**
 * A font named in the config, relative to the config's folder; a project
 * without its own copy gets the one shipped with pressroom.
 */
export async function readFontFile(config: Config, source: string): Promise<{path: string; bytes: Uint8Array}> {
  const file = fontPath(config.root, source)
  const bytes = await readFile(file).catch(() => null)
  if (bytes) return {path: file, bytes: new Uint8Array(bytes)}
  throw new Error(`cannot read font ${source} (named in ${config.path}); add it or change fonts: in the config`)
}

const labelsSchema = (fields: v.GenericSchema<unknown, string | undefined>) => {
  const labels = map(Object.fromEntries(labelKeys.map((key) => [key, fields])))
  return v.nullish(map({en: v.optional(labels, {}), km: v.optional(labels, {})}), {en: {}, km: {}})
}

const labelText = v.string(`${here} must be text`)

/**
 * The words of `templates/site/labels.yaml`: the project's copy, each label
 * it leaves out taken from pressroom's own. Throws a `YamlError` (every
 * problem as `path:line:column: reason`) when the file has mistakes.
 */
export async function loadLabels(root: string): Promise<{path: string; labels: Record<Lang, Labels>}> {
  const shippedPath = path.join(packageRoot, 'templates/site/labels.yaml')
  const shipped = readYamlOrThrow(shippedPath, await readFile(shippedPath, 'utf8'), labelsSchema(labelText))
  const own = await readTemplateFile(root, 'labels.yaml')
  const given = readYamlOrThrow(own.path, own.text, labelsSchema(v.optional(labelText)))
  const labels = {} as Record<Lang, Labels>
  for (const lang of ['en', 'km'] as const) {
    labels[lang] = Object.fromEntries(labelKeys.map((key) => [key, given[lang][key] ?? shipped[lang][key]])) as Labels
  }
  return {path: own.path, labels}
}

export async function loadSiteAssets(root: string, config: Config): Promise<SiteAssets> {
  const texts: string[] = []
  const template = async (name: string) => {
    const {path: file, text} = await readTemplateFile(root, name)
    texts.push(`${name}\0${text}`)
    return parseTemplate(file, text)
  }
  // All read at once: a build reads them while its thread is busy, and each wait would be a turn of its event loop.
  const [faces, release, index, home, search, css, labels, searchScripts] = await Promise.all([
    Promise.all(
      webFontFaces(config).map(async (face) => {
        const {path: file, bytes} = await readFontFile(config, face.source)
        const licence = await readFile(path.join(path.dirname(file), 'OFL.txt')).catch(() => null)
        return {font: {...face, bytes}, licence}
      })
    ),
    template('release.html'),
    template('index.html'),
    template('home.html'),
    template('search.html'),
    readTemplateFile(root, 'site.css'),
    loadLabels(root),
    loadSearchScripts(root)
  ])
  const fonts: LoadedWebFontFace[] = faces.map((face) => face.font)
  const licences = new Map<string, Uint8Array>()
  for (const {licence} of faces) if (licence) licences.set('OFL.txt', new Uint8Array(licence))
  return {
    release,
    index,
    home,
    search,
    css: css.text,
    searchScripts,
    labels: labels.labels,
    fonts,
    fontLicences: [...licences].map(([name, data]) => ({name, data})),
    fingerprint: sha256(...texts.sort(), css.text, JSON.stringify(labels.labels), ...searchScripts.map((script) => `${script.path}\0${script.text}`))
  }
}

/**
 * The compiled modules the search page's script imports, so that the
 * browser normalises and cuts a query with the very code the index was
 * built with. They keep their folders (`search/`, `khmer/`) under
 * `assets/js/`, so their imports of each other resolve unchanged.
 */
const browserModules = ['search/terms.js', 'khmer/cluster.js', 'khmer/match.js']

async function loadSearchScripts(root: string): Promise<Array<{path: string; text: string}>> {
  const page = await readTemplateFile(root, 'search.js')
  const modules = await Promise.all(
    browserModules.map(async (module) => {
      const text = await readFile(path.join(packageRoot, 'dist', module), 'utf8').catch(() => null)
      if (text === null) throw new Error(`cannot read ${path.join('dist', module)} of pressroom; compile it with \`npm run build\``)
      return {path: `js/${module}`, text}
    })
  )
  return [{path: 'search.js', text: page.text}, ...modules]
}
