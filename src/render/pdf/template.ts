/**
 * The PDF layout template (`templates/pdf/letterhead.yaml`): page, letterhead,
 * type styles and spacing, so an office can restyle the PDF without touching
 * code. Read once per build and checked strictly: every problem is reported
 * at its line and column, with a did-you-mean for misspelt keys, and no PDF is
 * made from a template with problems.
 */
import * as v from 'valibot'
import {closest, describe, here, map, oneOf, readYaml} from '../../config/yaml-schema.js'
import type {FontRole} from '../../config/model.js'
import type {Lang} from '../../release/model.js'

export type Align = 'left' | 'center' | 'right' | 'justify'

/** An RGB colour, each channel 0–1. */
export type Rgb = readonly [number, number, number]

export interface TextStyle {
  face: FontRole
  sizePt: number
  /** Line height as a multiple of the size. */
  leading: number
  align: Align
  /** Upper-case Latin letters (the English organisation line). */
  uppercase: boolean
  colour: Rgb
  spaceBeforePt: number
  spaceAfterPt: number
}

export const styleNames = [
  'organisation',
  'title',
  'reference',
  'date',
  'headline',
  'subhead',
  'body',
  'quote',
  'contactName',
  'contact',
  'pageNumber',
  'runningHeader'
] as const

export type StyleName = (typeof styleNames)[number]

export const letterheadItems = ['organisation', 'rule', 'title', 'reference', 'date'] as const

export type LetterheadItem = (typeof letterheadItems)[number]

export interface ContactLabels {
  tel: string
  email: string
  website: string
}

export interface PdfTemplate {
  /** Where the template was read from, for messages. */
  path: string
  page: {
    widthPt: number
    heightPt: number
    margins: {topPt: number; rightPt: number; bottomPt: number; leftPt: number}
    /** From the bottom edge to the page number's baseline. */
    footerPt: number
  }
  letterhead: LetterheadItem[]
  rule: {thicknessPt: number; colour: Rgb; spaceBeforePt: number; spaceAfterPt: number}
  /** Styles resolved per language part: default, its language block, the style, its language block. */
  styles: Record<Lang, Record<StyleName, TextStyle>>
  list: {indentPt: number; gapPt: number; bullet: string}
  quote: {indentPt: number}
  links: {colour: Rgb}
  /** `{page}` and `{pages}` are replaced: the page's number in its language part, and the part's pages. */
  pageNumber: Record<Lang, string>
  /** The right-hand side of the running header of a part's continuation pages; `{page}` and `{pages}` as above. */
  runningHeader: Record<Lang, string>
  contact: Record<Lang, ContactLabels>
  fonts: {hinting: boolean}
}

/** One problem in a template, at a 1-based line and column. */
export interface TemplateProblem {
  reason: string
  line: number
  column: number
}

/** Thrown when the template cannot be used; `message` lists every problem as `path:line:column: reason`. */
export class TemplateError extends Error {
  readonly path: string
  readonly problems: TemplateProblem[]

  constructor(path: string, problems: TemplateProblem[]) {
    super(problems.map((problem) => `${path}:${problem.line}:${problem.column}: ${problem.reason}`).join('\n'))
    this.name = 'TemplateError'
    this.path = path
    this.problems = problems
  }
}

// Sizes in points, portrait (ISO 216 and US sizes, as pdfkit has them).
const pageSizes: Record<string, readonly [number, number]> = {
  A3: [841.89, 1190.55],
  A4: [595.28, 841.89],
  A5: [419.53, 595.28],
  B5: [498.9, 708.66],
  LETTER: [612, 792],
  LEGAL: [612, 1008]
}

const defaultRunningHeader: Record<Lang, string> = {en: 'Page {page} of {pages}', km: 'ទំព័រ {page} នៃ {pages}'}

const faces: readonly FontRole[] = ['regular', 'bold', 'italic', 'boldItalic']
const aligns: readonly Align[] = ['left', 'center', 'right', 'justify']
const langs: readonly Lang[] = ['en', 'km']

const unitPt: Record<string, number> = {pt: 1, mm: 72 / 25.4, cm: 72 / 2.54, in: 72}

/** A length in points: a number of points, or a number with pt, mm, cm or in. Never negative. */
function toPt(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null
  const match = typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*(pt|mm|cm|in)?\s*$/.exec(value) : null
  return match ? Number(match[1]) * unitPt[match[2] ?? 'pt']! : null
}

function lengthOf(message: string) {
  return v.pipe(
    v.custom<number | string>((value) => toPt(value) !== null, message),
    v.transform((value) => toPt(value)!)
  )
}

const length = lengthOf(`${here} must be a length: a number of points, or a number with pt, mm, cm or in (e.g. \`20mm\`)`)

const size = v.pipe(length, v.check((value) => value > 0 && value <= 200, `${here} must be more than 0 and at most 200 points`))

const leading = v.pipe(
  v.number(`${here} must be a number from 0.8 to 4 (the line height as a multiple of the size)`),
  v.check((value) => value >= 0.8 && value <= 4, `${here} must be a number from 0.8 to 4 (the line height as a multiple of the size)`)
)

const colourPattern = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i

const colour = v.pipe(
  v.custom<string>(
    (value) => typeof value === 'string' && colourPattern.test(value),
    `${here} must be a colour written \`'#rrggbb'\` (in quotes: YAML reads # as a comment)`
  ),
  v.transform((value): Rgb => {
    const match = colourPattern.exec(value)!
    return [1, 2, 3].map((i) => Number.parseInt(match[i]!, 16) / 255) as unknown as Rgb
  })
)

const boolean = v.boolean(`${here} must be true or false`)

const text = v.union([v.string(), v.pipe(v.number(), v.transform(String))], `${here} must be text`)

const pageSizeNames = Object.keys(pageSizes).join(', ')

const pageSizeName = v.pipe(
  v.string(),
  v.rawTransform(({dataset, addIssue, NEVER}) => {
    const found = pageSizes[dataset.value.toUpperCase()]
    if (found) return found
    const suggestion = closest(dataset.value, Object.keys(pageSizes))
    addIssue({message: `\`page.size\` is ${describe(dataset.value)}; use ${pageSizeNames} or [width, height]${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}`})
    return NEVER
  })
)

const pageSizeList = v.pipe(
  v.tuple(
    [
      lengthOf('The width in `page.size` must be a length: a number of points, or a number with pt, mm, cm or in (e.g. `210mm`)'),
      lengthOf('The height in `page.size` must be a length: a number of points, or a number with pt, mm, cm or in (e.g. `297mm`)')
    ],
    '`page.size` must be a paper name (A4, Letter...) or [width, height]'
  ),
  // A transformation that fails leaves the size unusable, so the margins are not measured against it.
  v.rawTransform(({dataset, addIssue, NEVER}) => {
    const [width, height] = dataset.value
    if (width >= 144 && height >= 216) return [width, height] as const
    addIssue({message: '`page.size` is too small for a letterhead; use at least 2 by 3 inches'})
    return NEVER
  })
)

/** A paper name or [width, height]; chosen by what is written, so each gets its own messages. */
const pageSize = v.lazy((input) =>
  typeof input === 'string'
    ? pageSizeName
    : Array.isArray(input)
      ? pageSizeList
      : v.custom<never>(() => false, '`page.size` must be a paper name (A4, Letter...) or [width, height]')
)

const page = v.pipe(
  map({
    size: pageSize,
    margins: map({top: length, right: length, bottom: length, left: length}),
    footer: length
  }),
  v.forward(
    v.check(
      ({size: [width, height], margins}) => margins.left + margins.right < width - 72 && margins.top + margins.bottom < height - 144,
      'The margins leave too little room on the page; make them smaller'
    ),
    ['margins']
  ),
  v.transform(({size: [widthPt, heightPt], margins, footer}) => ({
    widthPt,
    heightPt,
    margins: {topPt: margins.top, rightPt: margins.right, bottomPt: margins.bottom, leftPt: margins.left},
    footerPt: footer
  }))
)

const letterheadList = `\`letterhead\` must be a list of ${letterheadItems.join(', ')}`

const letterhead = v.pipe(
  v.array(
    v.picklist(letterheadItems, (issue) => {
      const suggestion = typeof issue.input === 'string' ? closest(issue.input, letterheadItems) : null
      return `\`letterhead\` has ${describe(issue.input)}; use ${letterheadItems.join(', ')}${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}`
    }),
    letterheadList
  ),
  v.rawCheck(({dataset, addIssue}) => {
    if (!dataset.typed) return
    dataset.value.forEach((item, index) => {
      if (dataset.value.indexOf(item) === index) return
      addIssue({
        message: `\`letterhead\` has \`${item}\` twice; keep one`,
        path: [{type: 'array', origin: 'value', input: dataset.value, key: index, value: item}]
      })
    })
  })
)

/** The YAML keys of a style, and the TextStyle fields they set. */
const styleFieldNames = {
  face: 'face',
  size: 'sizePt',
  leading: 'leading',
  align: 'align',
  uppercase: 'uppercase',
  colour: 'colour',
  spaceBefore: 'spaceBeforePt',
  spaceAfter: 'spaceAfterPt'
} as const satisfies Record<string, keyof TextStyle>

const styleFields = {
  face: v.optional(oneOf(faces)),
  size: v.optional(size),
  leading: v.optional(leading),
  align: v.optional(oneOf(aligns)),
  uppercase: v.optional(boolean),
  colour: v.optional(colour),
  spaceBefore: v.optional(length),
  spaceAfter: v.optional(length)
}

type StyleFields = Partial<Record<keyof typeof styleFieldNames, unknown>>

const style = map({...styleFields, en: v.optional(map(styleFields)), km: v.optional(map(styleFields))})

/**
 * Each style resolved per language part: `default`, its language block,
 * the style, its language block. Whatever no style sets must be set by
 * `default`.
 */
const styles = v.pipe(
  map({default: style, ...Object.fromEntries(styleNames.map((name) => [name, v.optional(style)]))}),
  v.rawTransform(({dataset, addIssue, NEVER}) => {
    const given = dataset.value as Record<string, (StyleFields & Partial<Record<Lang, StyleFields>>) | undefined>
    const fallback = given.default!
    const resolved = {} as Record<Lang, Record<StyleName, TextStyle>>
    const missing = new Set<string>()
    for (const lang of langs) {
      resolved[lang] = {} as Record<StyleName, TextStyle>
      for (const name of styleNames) {
        const own = given[name]
        const merged: StyleFields = {...withoutLangs(fallback), ...fallback[lang], ...withoutLangs(own), ...own?.[lang]}
        for (const key of Object.keys(styleFieldNames)) if (merged[key as keyof StyleFields] === undefined) missing.add(key)
        resolved[lang][name] = Object.fromEntries(
          Object.entries(styleFieldNames).map(([key, field]) => [field, merged[key as keyof StyleFields]])
        ) as unknown as TextStyle
      }
    }
    if (missing.size === 0) return resolved
    addIssue({
      message: `\`styles.default\` must set ${Object.keys(styleFieldNames).filter((key) => missing.has(key)).map((key) => `\`${key}\``).join(', ')}`,
      path: [{type: 'object', origin: 'value', input: given, key: 'default', value: fallback}]
    })
    return NEVER
  })
)

function withoutLangs(style: (StyleFields & Partial<Record<Lang, StyleFields>>) | undefined): StyleFields {
  const {en: _en, km: _km, ...fields} = style ?? {}
  return fields
}

const perLanguage = <const Schema extends v.GenericSchema>(schema: Schema) => map({en: schema, km: schema})

const templateSchema = map(
  {
    page,
    letterhead,
    rule: v.pipe(
      map({thickness: length, colour, spaceBefore: length, spaceAfter: length}),
      v.transform(({thickness, colour, spaceBefore, spaceAfter}) => ({thicknessPt: thickness, colour, spaceBeforePt: spaceBefore, spaceAfterPt: spaceAfter}))
    ),
    styles,
    list: v.pipe(
      map({indent: length, gap: length, bullet: text}),
      v.transform(({indent, gap, bullet}) => ({indentPt: indent, gapPt: gap, bullet}))
    ),
    quote: v.pipe(
      map({indent: length}),
      v.transform(({indent}) => ({indentPt: indent}))
    ),
    links: map({colour}),
    pageNumber: perLanguage(text),
    // Optional, so that a project's copy of an older template still works.
    runningHeader: v.optional(perLanguage(text)),
    contact: perLanguage(map({tel: text, email: text, website: text})),
    fonts: map({hinting: boolean})
  },
  {notAMap: 'The template must be a set of `key: value` lines; start from the one pressroom ships'}
)

/** Parse and check a template; throws `TemplateError` listing every problem. */
export function parseTemplate(path: string, text: string): PdfTemplate {
  const {value, file} = readYaml(path, text, templateSchema)
  if (!value || file.messages.length > 0) {
    throw new TemplateError(
      path,
      file.messages.map((message) => ({reason: message.reason, line: message.line ?? 1, column: message.column ?? 1}))
    )
  }
  return {
    path,
    page: value.page,
    letterhead: value.letterhead,
    rule: value.rule,
    styles: value.styles,
    list: value.list,
    quote: value.quote,
    links: {colour: value.links.colour},
    pageNumber: {en: value.pageNumber.en, km: value.pageNumber.km},
    runningHeader: value.runningHeader ? {en: value.runningHeader.en, km: value.runningHeader.km} : defaultRunningHeader,
    contact: {en: value.contact.en, km: value.contact.km},
    fonts: {hinting: value.fonts.hinting}
  }
}
