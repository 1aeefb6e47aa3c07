/**
 * A thread of the card benchmark: draws both languages' cards of the
 * release files it is given, as a build's render thread does.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {workerData} from 'piscina'
import {readProjectConfig} from '../project/load.js'
import {parseRelease} from '../release/parse.js'
import {loadCardFonts, renderCard} from '../render/card/index.js'
import {cardText} from '../render/site/index.js'

const {configPath, root} = workerData as {configPath: string; root: string}
const {config} = await readProjectConfig(configPath, null)
const fonts = {en: loadCardFonts(config, 'en'), km: loadCardFonts(config, 'km')}

/** The bytes of the cards drawn. */
export default function draw(files: readonly string[]): number {
  let bytes = 0
  for (const file of files) {
    const {release} = parseRelease(file, readFileSync(path.join(root, file)))
    for (const lang of ['en', 'km'] as const) bytes += renderCard(cardText(release, lang, config), fonts[lang]).byteLength
  }
  return bytes
}
