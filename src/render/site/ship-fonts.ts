import {existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import path from 'node:path'
import {packageRoot} from '../../package.js'
import {previewFontOf} from '../../preview/assets.js'
import {shippedWebFontsDir, webFontsOf} from './fonts.js'

/**
 * Makes the web fonts of the fonts pressroom ships into `dist/web-fonts/`,
 * once (`npm run build`): the site's pieces, and the preview's Khmer font.
 * Those already there are kept, those of fonts no longer shipped are removed.
 */
export async function shipWebFonts(): Promise<{made: number; kept: number}> {
  mkdirSync(shippedWebFontsDir, {recursive: true})
  const wanted = new Set<string>()
  let made = 0
  const fontsDir = path.join(packageRoot, 'fonts')
  for (const file of readdirSync(fontsDir).filter((name) => /\.(ttf|otf)$/i.test(name)).sort()) {
    const family = /Khmer/i.test(file) ? 'Pressroom Khmer' : 'Pressroom Latin'
    const bytes = readFileSync(path.join(fontsDir, file))
    for (const font of [...webFontsOf(family, bytes), ...(family === 'Pressroom Khmer' ? [previewFontOf(bytes)] : [])]) {
      wanted.add(font.name)
      const target = path.join(shippedWebFontsDir, font.name)
      if (existsSync(target)) continue
      writeFileSync(`${target}.tmp`, await font.make())
      renameSync(`${target}.tmp`, target)
      made++
    }
  }
  for (const name of readdirSync(shippedWebFontsDir)) {
    if (!wanted.has(name)) rmSync(path.join(shippedWebFontsDir, name), {force: true})
  }
  return {made, kept: wanted.size - made}
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const {made, kept} = await shipWebFonts()
  console.log(`web fonts: ${made} made, ${kept} kept in ${path.relative(process.cwd(), shippedWebFontsDir) || '.'}`)
}
