import type {Config, FontCoverage} from '../config/model.js'
import {sha256} from '../hash.js'
import {fontPath} from '../package.js'
import {FontLoadError, loadFont, type LoadedFont} from './fonts.js'
import {coversCodePoint} from './itemize.js'

/**
 * Loads the font chains of `pressroom.yaml` (each font once per process).
 * Null when a font cannot be read: the build reports that as a `font` error.
 */
export function loadFontCoverage(config: Config): FontCoverage | null {
  const chains = new Map<string, LoadedFont[]>()
  try {
    for (const lang of ['en', 'km'] as const) {
      for (const [role, paths] of Object.entries(config.fonts[lang])) {
        chains.set(`${lang}/${role}`, paths.map((source) => loadFont(fontPath(config.root, source))))
      }
    }
  } catch (error) {
    if (error instanceof FontLoadError) return null
    throw error
  }
  const fonts = [...new Set([...chains.values()].flat())]
  return {
    covers: (lang, role, codePoint) => (chains.get(`${lang}/${role}`) ?? []).some((font) => coversCodePoint(font, codePoint)),
    fingerprint: sha256(...[...chains].map(([chain, list]) => `${chain}:${list.map((font) => fonts.indexOf(font)).join(',')}`), ...fonts.map((font) => sha256(font.bytes)))
  }
}
