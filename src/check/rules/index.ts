import type {Rule} from '../rule.js'
import fileName from './file-name.js'
import frontmatter from './frontmatter.js'
import languageSections from './language-sections.js'
import refDuplicate from './ref-duplicate.js'
import refFormat from './ref-format.js'
import refSequence from './ref-sequence.js'
import refYear from './ref-year.js'
import unicodeNfc from './unicode-nfc.js'

/** Every rule, in the order they run. */
export const rules: readonly Rule[] = [frontmatter, languageSections, fileName, refFormat, refYear, refDuplicate, refSequence, unicodeNfc]

/** Rule ids the reader and config loader use; they are always errors. */
export const readerRuleIds = ['encoding', 'markdown', 'config'] as const
