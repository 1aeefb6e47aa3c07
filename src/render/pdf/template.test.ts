import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {repoRoot} from '../../test/project.js'
import {parseTemplate, TemplateError} from './template.js'

const shipped = readFileSync(path.join(repoRoot, 'templates/pdf/letterhead.yaml'), 'utf8')

function problems(text: string): string[] {
  try {
    parseTemplate('letterhead.yaml', text)
  } catch (error) {
    if (error instanceof TemplateError) return error.message.split('\n')
    throw error
  }
  return []
}

describe('the PDF template', () => {
  it('ships a valid A4 letterhead', () => {
    const template = parseTemplate('letterhead.yaml', shipped)
    expect(template.page.widthPt).toBeCloseTo(595.28)
    expect(template.page.heightPt).toBeCloseTo(841.89)
    expect(template.page.margins.leftPt).toBeCloseTo((22 * 72) / 25.4)
    expect(template.letterhead).toEqual(['organisation', 'rule', 'title', 'reference', 'date'])
    expect(template.contact.km.tel).toBe('ទូរស័ព្ទ៖')
    expect(template.fonts.hinting).toBe(false)
  })

  it('resolves each style from default, its language block, the style and the style language block', () => {
    const {styles} = parseTemplate('letterhead.yaml', shipped)
    expect(styles.en.body).toMatchObject({face: 'regular', sizePt: 11, leading: 1.45, align: 'justify', spaceAfterPt: 8})
    expect(styles.km.body.leading).toBe(1.95)
    expect(styles.en.headline.leading).toBe(1.35)
    expect(styles.km.headline.leading).toBe(1.9)
    expect(styles.en.organisation).toMatchObject({face: 'bold', uppercase: true, align: 'center'})
    expect(styles.en.organisation.colour.map((c) => Math.round(c * 255))).toEqual([0x1f, 0x38, 0x64])
    expect(styles.km.date.spaceAfterPt).toBe(12)
  })

  it('reports a misspelt key with a did-you-mean at its line and column', () => {
    expect(problems(shipped.replace('  margins:', '  marginz:'))).toEqual([
      'letterhead.yaml:12:3: `page.margins` is missing; add it',
      'letterhead.yaml:13:3: Unknown key `page.marginz`; did you mean `page.margins`?'
    ])
  })

  it('reports wrong values: face, length, colour, leading, letterhead item', () => {
    const broken = shipped
      .replace("title: {face: bold, size: 13", "title: {face: bolt, size: 13")
      .replace('footer: 11mm', 'footer: 11px')
      .replace("colour: '#1a4b8c'", 'colour: blue')
      .replace('km: {leading: 1.95}', 'km: {leading: 9}')
      .replace('letterhead: [organisation, rule, title, reference, date]', 'letterhead: [organisation, rulle]')
    expect(problems(broken)).toEqual([
      expect.stringMatching(/^letterhead\.yaml:14:11: `page\.footer` must be a length/),
      "letterhead.yaml:18:28: `letterhead` has `rulle`; use organisation, rule, title, reference, date (did you mean `rule`?)",
      'letterhead.yaml:37:19: `styles.default.km.leading` must be a number from 0.8 to 4 (the line height as a multiple of the size)',
      'letterhead.yaml:39:17: `styles.title.face` is `bolt`; use one of `regular`, `bold`, `italic`, `boldItalic` (did you mean `bold`?)',
      "letterhead.yaml:60:11: `links.colour` must be a colour written `'#rrggbb'` (in quotes: YAML reads # as a comment)"
    ])
  })

  it('reports YAML syntax errors and a template that is not a map', () => {
    expect(problems('page: [A4')[0]).toMatch(/^letterhead\.yaml:1:\d+: YAML syntax error/)
    expect(problems('- a\n- b')).toEqual(['letterhead.yaml:1:1: The template must be a set of `key: value` lines; start from the one pressroom ships'])
  })

  it('takes a paper name in any case, or [width, height] in any unit', () => {
    expect(parseTemplate('t.yaml', shipped.replace('size: A4 ', 'size: letter')).page.widthPt).toBe(612)
    const custom = parseTemplate('t.yaml', shipped.replace('size: A4 ', 'size: [210mm, 11in]'))
    expect(custom.page.widthPt).toBeCloseTo(595.28, 1)
    expect(custom.page.heightPt).toBe(792)
  })

  it('reports a wrong page size, a letterhead item given twice, margins too wide and an incomplete default style', () => {
    expect(problems(shipped.replace('size: A4 ', 'size: A44'))).toEqual([
      'letterhead.yaml:12:9: `page.size` is `A44`; use A3, A4, A5, B5, LETTER, LEGAL or [width, height] (did you mean `A4`?)'
    ])
    expect(problems(shipped.replace('size: A4 ', 'size: [100, 100]'))).toEqual([
      'letterhead.yaml:12:9: `page.size` is too small for a letterhead; use at least 2 by 3 inches'
    ])
    expect(problems(shipped.replace('size: A4 ', 'size: [210mm, tall]'))).toEqual([
      expect.stringMatching(/^letterhead\.yaml:12:17: The height in `page\.size` must be a length/)
    ])
    expect(problems(shipped.replace('size: A4 ', 'size: {w: 1}'))).toEqual([
      'letterhead.yaml:12:9: `page.size` must be a paper name (A4, Letter...) or [width, height]'
    ])
    expect(problems(shipped.replace('letterhead: [organisation, rule, title, reference, date]', 'letterhead: [organisation, rule, title, rule]'))).toEqual([
      'letterhead.yaml:18:41: `letterhead` has `rule` twice; keep one'
    ])
    expect(problems(shipped.replace('margins: {top: 18mm, right: 22mm, bottom: 22mm, left: 22mm}', 'margins: {top: 18mm, right: 10cm, bottom: 22mm, left: 10cm}'))).toEqual([
      'letterhead.yaml:13:12: The margins leave too little room on the page; make them smaller'
    ])
    expect(problems(shipped.replace('    face: regular\n', '').replace('    size: 11\n', ''))).toEqual([
      'letterhead.yaml:29:5: `styles.default` must set `face`, `size`'
    ])
  })

  it('refuses YAML aliases with a message that names them', () => {
    const text = shipped.replace("rule: {thickness: 0.8, colour: '#1f3864'", "rule: {thickness: 0.8, colour: &navy '#1f3864'").replace("links:\n  colour: '#1a4b8c'", 'links:\n  colour: *navy')
    expect(problems(text)).toEqual([
      'letterhead.yaml:60:11: `*navy` refers to the anchor `&navy`; pressroom does not read YAML anchors and aliases here, so write the value out in full'
    ])
  })
})
