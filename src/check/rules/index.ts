import type {Rule} from '../rule.js'
import amountMismatch from './amount-mismatch.js'
import dateMismatch from './date-mismatch.js'
import numberMismatch from './number-mismatch.js'
import fileName from './file-name.js'
import frontmatter from './frontmatter.js'
import glossary from './glossary.js'
import headline from './headline.js'
import link from './link.js'
import linkScheme from './link-scheme.js'
import languageSections from './language-sections.js'
import refDuplicate from './ref-duplicate.js'
import refFormat from './ref-format.js'
import refMention from './ref-mention.js'
import refSequence from './ref-sequence.js'
import refYear from './ref-year.js'
import structureParity from './structure-parity.js'
import unicodeNfc from './unicode-nfc.js'
import untranslated from './untranslated.js'

/** Every rule, in the order they run. */
export const rules: readonly Rule[] = [frontmatter, languageSections, fileName, refFormat, refYear, refDuplicate, refSequence, unicodeNfc, amountMismatch, dateMismatch, numberMismatch, refMention, glossary, structureParity, untranslated, headline, linkScheme, link]

/** Rule ids the reader and config loader use; they are always errors. */
export const readerRuleIds = ['encoding', 'markdown', 'config'] as const
