import type {Lang, Position} from '../release/model.js'
import type {Glossary} from './glossary.js'

export type RuleSetting = 'off' | 'warn' | 'error'

export type LangPair = Record<Lang, string>

export type FontRole = 'regular' | 'bold' | 'italic' | 'boldItalic'

/** Per role, an ordered fallback chain of font files (paths relative to the config file). */
export type FontRoles = Record<FontRole, string[]>

/** Which characters the configured fonts can draw, per language and role (loaded by `text/coverage.ts`). */
export interface FontCoverage {
  covers(lang: Lang, role: FontRole, codePoint: number): boolean
  /** A hash of the fonts' bytes: results that depend on the coverage are kept only while it is the same. */
  fingerprint: string
}

export interface Config {
  /** Path of the config file as given, for messages. */
  path: string
  /** Folder the config file is in; relative paths in it resolve from here. */
  root: string
  organisation: LangPair
  title: LangPair
  /** Pattern of reference numbers, e.g. `No. {n} PR-{yy}/EoJ`. */
  reference: string
  contact: {
    name: LangPair | null
    tel: string | null
    email: string | null
    website: string | null
  }
  site: {
    baseUrl: string | null
    /** How many releases each Atom feed carries, newest first. */
    feedEntries: number
  }
  email: {
    from: string | null
    to: string[]
    replyTo: string | null
    listUnsubscribe: string | null
  }
  /** House style for digits in the Khmer section. */
  khmerDigits: 'khmer' | 'latin' | 'either'
  /**
   * The office's IANA time zone (`Asia/Phnom_Penh` unless the config says
   * otherwise), in its canonical spelling: where times without an offset
   * are read and times are shown.
   */
  timeZone: string
  fonts: Record<Lang, FontRoles>
  /** From `glossary.yaml` beside the config, when there is one. */
  glossary: Glossary
  /** What the configured fonts can draw, when they could be loaded (not part of the file). */
  coverage?: FontCoverage | null
  /** Severity overrides by rule id. */
  rules: Record<string, RuleSetting>
  /** Where each key path (`contact.email`, `rules.ref-sequence`) was written. */
  positions: Record<string, Position>
}
