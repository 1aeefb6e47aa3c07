import * as v from 'valibot'
import type {VFile} from 'vfile'
import type {Config, FontRoles, RuleSetting} from './model.js'
import {emptyGlossary} from './glossary.js'
import {compileReference} from './reference.js'
import {closest, describe, here, map, oneOf, readYaml} from './yaml-schema.js'

/** How many releases each Atom feed carries, newest first, unless the config says otherwise. */
export const defaultFeedEntries = 50

/** The office's time zone when the config names none. */
export const defaultTimeZone = 'Asia/Phnom_Penh'

/** Fonts used when the config names none: sans-serif faces shipped in `fonts/`. */
export const defaultFonts: Record<'en' | 'km', FontRoles> = {
  en: {
    regular: ['fonts/NotoSans-Regular.ttf', 'fonts/NotoSansKhmer-Regular.ttf'],
    bold: ['fonts/NotoSans-Bold.ttf', 'fonts/NotoSansKhmer-Bold.ttf'],
    italic: ['fonts/NotoSans-Italic.ttf', 'fonts/NotoSansKhmer-Regular.ttf'],
    boldItalic: ['fonts/NotoSans-BoldItalic.ttf', 'fonts/NotoSansKhmer-Bold.ttf']
  },
  km: {
    regular: ['fonts/NotoSansKhmer-Regular.ttf', 'fonts/NotoSans-Regular.ttf'],
    bold: ['fonts/NotoSansKhmer-Bold.ttf', 'fonts/NotoSans-Bold.ttf'],
    italic: ['fonts/NotoSansKhmer-Regular.ttf', 'fonts/NotoSans-Italic.ttf'],
    boldItalic: ['fonts/NotoSansKhmer-Bold.ttf', 'fonts/NotoSans-BoldItalic.ttf']
  }
}

/** Text; a number is taken as written (`tel: 217161`). */
const text = v.union([v.string(), v.pipe(v.number(), v.transform(String))], `${here} must be text`)

/** Text, or a list of text. */
const texts = v.union(
  [v.pipe(v.string(), v.transform((value) => [value])), v.array(v.string(`${here} must be text`))],
  `${here} must be text or a list of text`
)

const langPair = map({en: text, km: text})

const fontRoles = map({regular: v.optional(texts), bold: v.optional(texts), italic: v.optional(texts), boldItalic: v.optional(texts)})

const feedEntriesMessage = `${here} must be a whole number from 1 to 10000`
const feedEntries = v.pipe(
  v.number(feedEntriesMessage),
  v.check((value) => Number.isInteger(value) && value >= 1 && value <= 10_000, feedEntriesMessage)
)

const reference = v.pipe(
  text,
  v.check(
    (pattern) => compileReference(pattern).problem === null,
    (issue) => `${here}: ${compileReference(issue.input).problem}`
  )
)

/** An IANA time zone name the JavaScript runtime knows, in its canonical spelling (`Asia/Phnom_Penh`). */
const timeZone = v.pipe(
  v.string(`${here} must be a time zone name such as \`Asia/Phnom_Penh\``),
  v.rawTransform(({dataset, addIssue, NEVER}) => {
    const canonical = canonicalTimeZone(dataset.value)
    if (canonical) return canonical
    const suggestion = suggestTimeZone(dataset.value)
    addIssue({
      message: `${here} is ${describe(dataset.value)}, which is not a time zone; write an IANA name such as \`Asia/Phnom_Penh\`${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}`
    })
    return NEVER
  })
)

function configSchema(ruleIds: readonly string[] | null) {
  const setting = oneOf<RuleSetting>(['off', 'warn', 'error'])
  return map(
    {
      organisation: langPair,
      title: langPair,
      reference,
      contact: v.optional(map({name: v.optional(langPair), tel: v.optional(text), email: v.optional(text), website: v.optional(text)}), {}),
      site: v.optional(map({baseUrl: v.optional(text), feedEntries: v.optional(feedEntries, defaultFeedEntries)}), {}),
      email: v.optional(map({from: v.optional(text), to: v.optional(texts, []), replyTo: v.optional(text), listUnsubscribe: v.optional(text)}), {}),
      khmerDigits: v.optional(oneOf(['khmer', 'latin', 'either']), 'khmer'),
      timeZone: v.optional(timeZone, defaultTimeZone),
      fonts: v.optional(map({en: v.optional(fontRoles, {}), km: v.optional(fontRoles, {})}), {}),
      // A build's render threads take any rule name: the build checked them already.
      rules: v.optional(
        ruleIds ? map(Object.fromEntries(ruleIds.map((id) => [id, v.optional(setting)])), {what: 'rule'}) : v.record(v.string(), setting),
        {}
      )
    },
    {
      notAMap: (input) =>
        input === null || input === undefined
          ? 'The config is empty; start from the example in README.md'
          : 'The config must be a set of `key: value` lines; start from the example in README.md'
    }
  )
}

export interface ParsedConfig {
  /** Null when the file has errors. */
  config: Config | null
  file: VFile
}

/**
 * Parses and validates `pressroom.yaml`. Every mistake is an error message
 * at its line:column: YAML syntax, unknown or misspelled keys (with a
 * did-you-mean), wrong types, missing required keys, an invalid reference
 * pattern or time zone. `ruleIds` are the rule names the `rules:` map may
 * use; null takes any (a build's render threads read a config the build
 * checked already, without loading the rules).
 */
export function parseConfig(path: string, root: string, text: string, ruleIds: readonly string[] | null): ParsedConfig {
  const {value, file, positions} = readYaml(path, text, configSchema(ruleIds))
  if (!value) return {config: null, file}
  const {contact, site, email, fonts} = value
  const config: Config = {
    path,
    root,
    organisation: value.organisation,
    title: value.title,
    reference: value.reference,
    contact: {name: contact.name ?? null, tel: contact.tel ?? null, email: contact.email ?? null, website: contact.website ?? null},
    site: {baseUrl: site.baseUrl ?? null, feedEntries: site.feedEntries},
    email: {from: email.from ?? null, to: email.to, replyTo: email.replyTo ?? null, listUnsubscribe: email.listUnsubscribe ?? null},
    khmerDigits: value.khmerDigits,
    timeZone: value.timeZone,
    fonts: {en: {...defaultFonts.en, ...fonts.en}, km: {...defaultFonts.km, ...fonts.km}},
    glossary: emptyGlossary,
    rules: value.rules as Record<string, RuleSetting>,
    positions
  }
  return {config, file}
}

/** The canonical spelling of a time zone the runtime knows (`asia/phnom_penh` → `Asia/Phnom_Penh`), or null. */
export function canonicalTimeZone(name: string): string | null {
  // Offsets such as +07:00 are not names, and newer runtimes accept them.
  if (!/^[A-Za-z]/.test(name)) return null
  // The list of canonical names is at hand; a DateTimeFormat costs tens of
  // milliseconds the first time (ICU's data), so it is asked only about
  // other spellings and aliases (`UTC`, `Asia/Saigon`).
  if (Intl.supportedValuesOf('timeZone').includes(name)) return name
  try {
    return new Intl.DateTimeFormat('en', {timeZone: name}).resolvedOptions().timeZone
  } catch {
    return null
  }
}

/** The time zone a misspelt name most likely means, comparing whole names and city names (`Phnom Penh`). */
function suggestTimeZone(name: string): string | null {
  const zones = Intl.supportedValuesOf('timeZone')
  const spaced = name.trim().replace(/ +/g, '_')
  const whole = closest(spaced, zones)
  if (whole) return whole
  const city = closest(spaced, zones.map((zone) => zone.slice(zone.lastIndexOf('/') + 1)))
  return city ? (zones.find((zone) => zone.endsWith(`/${city}`)) ?? null) : null
}
