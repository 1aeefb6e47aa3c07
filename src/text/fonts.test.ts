import {readdirSync, readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {FontLoadError, loadFont} from './fonts.js'

const fontsDir = fileURLToPath(new URL('../../fonts/', import.meta.url))

const shipped = [
  'NotoSansKhmer-Regular.ttf',
  'NotoSansKhmer-Bold.ttf',
  'NotoSerifKhmer-Regular.ttf',
  'NotoSerifKhmer-Bold.ttf',
  'NotoSans-Regular.ttf',
  'NotoSans-Bold.ttf',
  'NotoSans-Italic.ttf',
  'NotoSans-BoldItalic.ttf',
  'NotoSerif-Regular.ttf',
  'NotoSerif-Bold.ttf',
  'NotoSerif-Italic.ttf',
  'NotoSerif-BoldItalic.ttf'
]

describe('fonts/', () => {
  it('ships the twelve Noto faces with the OFL and a README naming each', () => {
    const files = readdirSync(fontsDir)
    expect(files.filter((file) => file.endsWith('.ttf')).sort()).toEqual([...shipped].sort())
    expect(readFileSync(`${fontsDir}OFL.txt`, 'utf8')).toContain('SIL OPEN FONT LICENSE Version 1.1')
    const readme = readFileSync(`${fontsDir}README.md`, 'utf8')
    for (const file of shipped) expect(readme).toContain(file)
  })

  it.each(shipped)('%s loads, with names matching its file name', (file) => {
    const font = loadFont(`${fontsDir}${file}`)
    expect(font.upem).toBe(1000)
    expect(font.names.postscript).toBe(file.replace('.ttf', ''))
    expect(font.covers(0x20)).toBe(true)
  })
})

describe('loadFont', () => {
  it('loads a file once per process, whatever the path spelling', () => {
    const a = loadFont(`${fontsDir}NotoSansKhmer-Regular.ttf`)
    const b = loadFont(`${fontsDir}../fonts/./NotoSansKhmer-Regular.ttf`)
    expect(b).toBe(a)
  })

  it('reports coverage and glyph names from the font', () => {
    const khmer = loadFont(`${fontsDir}NotoSansKhmer-Regular.ttf`)
    expect(khmer.names).toEqual({
      family: 'Noto Sans Khmer',
      subfamily: 'Regular',
      full: 'Noto Sans Khmer Regular',
      postscript: 'NotoSansKhmer-Regular'
    })
    expect(khmer.covers(0x1780)).toBe(true)
    expect(khmer.covers(0x25cc)).toBe(true)
    // The Khmer faces have no Latin letters or ASCII digits.
    expect(khmer.covers(0x41)).toBe(false)
    expect(khmer.covers(0x31)).toBe(false)
    expect(khmer.glyphName(khmer.hbFont.glyph(0x1780)!)).toBe('uni1780')
    expect(khmer.glyphName(0)).toBe('.notdef')
  })

  it('throws a FontLoadError naming the path for a missing file, a directory or a non-font', () => {
    expect(() => loadFont('/no/such/font.ttf')).toThrow(FontLoadError)
    expect(() => loadFont('/no/such/font.ttf')).toThrow('cannot read font /no/such/font.ttf: no such file')
    expect(() => loadFont(fontsDir)).toThrow('is a directory')
    expect(() => loadFont(`${fontsDir}OFL.txt`)).toThrow('not a TrueType or OpenType font')
  })
})
