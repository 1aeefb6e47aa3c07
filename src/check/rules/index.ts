import type {Rule} from '../rule.js'
import amountMismatch from './amount-mismatch.js'
import controlCharacters from './control-characters.js'
import dateMismatch from './date-mismatch.js'
import digits from './digits.js'
import embargoDate from './embargo-date.js'
import fileName from './file-name.js'
import frontmatter from './frontmatter.js'
import glossary from './glossary.js'
import headline from './headline.js'
import inconsistentTranslation from './inconsistent-translation.js'
import khmerCluster from './khmer-cluster.js'
import khmerDeprecated from './khmer-deprecated.js'
import khmerOrder from './khmer-order.js'
import khmerSpacing from './khmer-spacing.js'
import languageSections from './language-sections.js'
import link from './link.js'
import linkScheme from './link-scheme.js'
import missingGlyph from './missing-glyph.js'
import missingTranslation from './missing-translation.js'
import numberMismatch from './number-mismatch.js'
import refDuplicate from './ref-duplicate.js'
import refFormat from './ref-format.js'
import refMention from './ref-mention.js'
import refSequence from './ref-sequence.js'
import refYear from './ref-year.js'
import structureParity from './structure-parity.js'
import unicodeNfc from './unicode-nfc.js'
import untranslated from './untranslated.js'

/** Every rule, in the order they run: the file and its structure, references, bilingual facts, Khmer spelling, links. */
export const rules: readonly Rule[] = [
  frontmatter,
  embargoDate,
  languageSections,
  fileName,
  refFormat,
  refYear,
  refDuplicate,
  refSequence,
  refMention,
  amountMismatch,
  dateMismatch,
  numberMismatch,
  glossary,
  missingTranslation,
  structureParity,
  untranslated,
  inconsistentTranslation,
  headline,
  unicodeNfc,
  controlCharacters,
  missingGlyph,
  khmerCluster,
  khmerOrder,
  khmerDeprecated,
  khmerSpacing,
  digits,
  linkScheme,
  link
]
