import {createHash} from 'node:crypto'
import type {Config} from '../config/model.js'
import type {Memo} from '../render/renderer.js'
import {parseTemplate} from '../render/html/template.js'
import {readFontFile, readTemplateFile} from '../render/site/assets.js'
import {khmerUnicodeRange, shippedFont, shippedFontName} from '../render/site/fonts.js'
import {subsetForWeb} from '../text/subset.js'
import type {PreviewAssets} from './render-preview.js'

// A draft's text changes while it is previewed, so the preview's Khmer font
// keeps the whole Khmer block rather than the characters of one version.
const khmerBlock = [
  ...Array.from({length: 0x17ff - 0x1780 + 1}, (_, i) => 0x1780 + i),
  ...Array.from({length: 0x19ff - 0x19e0 + 1}, (_, i) => 0x19e0 + i),
  0x200b,
  0x200c,
  0x200d,
  0x25cc,
  0x20
]

const subsets = new Map<string, Promise<Uint8Array>>()

function previewFontKey(bytes: Uint8Array): string {
  return `preview-woff\0${createHash('sha256').update(bytes).digest('hex')}`
}

/**
 * The preview's Khmer font: WOFF rather than WOFF2, and HarfBuzz's
 * subsetter the PDF already loaded: the WOFF2 encoder keeps tens of
 * megabytes in every render thread that runs it, for a few kilobytes saved
 * in a local file. The WOFF encoder is loaded only when one is made.
 */
async function makePreviewFont(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array((await import('woff2sfnt-sfnt2woff')).toWoff(subsetForWeb(bytes, khmerBlock)))
}

/** The preview's font of a Khmer font file, as `loadPreviewAssets` makes it: its file name in `dist/web-fonts/` and its bytes. */
export function previewFontOf(bytes: Uint8Array): {name: string; make: () => Promise<Uint8Array>} {
  return {name: shippedFontName(previewFontKey(bytes), 'woff'), make: () => makePreviewFont(bytes)}
}

/** Reads the preview's template, style and script (templates/site/preview.*) and embeds the Khmer font. */
export async function loadPreviewAssets(
  root: string,
  config: Config,
  memo: Memo = (_, make) => make()
): Promise<PreviewAssets> {
  const template = await readTemplateFile(root, 'preview.html')
  const faces: string[] = []
  for (const [role, weight] of [['regular', 400], ['bold', 700]] as const) {
    const source = config.fonts.km[role][0]
    if (!source) continue
    const {bytes} = await readFontFile(config, source)
    const key = previewFontKey(bytes)
    let subset = subsets.get(key)
    if (!subset) {
      // Those of the shipped fonts were made with pressroom (dist/web-fonts/).
      subset = memo(key, async () => shippedFont(key, 'woff') ?? makePreviewFont(bytes))
      subsets.set(key, subset)
    }
    const data = Buffer.from(await subset).toString('base64')
    faces.push(
      `@font-face { font-family: "Preview Khmer"; src: url("data:font/woff;base64,${data}") format("woff"); font-weight: ${weight}; unicode-range: ${khmerUnicodeRange}; }`
    )
  }
  return {
    template: parseTemplate(template.path, template.text),
    css: (await readTemplateFile(root, 'preview.css')).text,
    script: (await readTemplateFile(root, 'preview.js')).text,
    fontCss: faces.join('\n')
  }
}
