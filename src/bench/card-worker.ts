/**
 * A thread of the card benchmark: draws both languages' cards of the
 * release models it is given, as a build's render thread does.
 */
import {workerData} from 'piscina'
import {readProjectConfig} from '../project/load.js'
import {loadCardFonts} from '../render/card/index.js'
import {drawCards} from './card.js'

const {configPath, root} = workerData as {configPath: string; root: string}
const {config} = await readProjectConfig(configPath, null)
const fonts = {en: loadCardFonts(config, 'en'), km: loadCardFonts(config, 'km')}

/** The bytes of the cards drawn. */
export default function draw(models: readonly string[]): number {
  return drawCards(models, root, config, fonts)
}
