import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {readRepoFile} from './project.js'

/**
 * A small archive that repeats itself as an embassy's releases do: the
 * grant formula with other amounts, dates and recipients, a sentence
 * about wells with other figures and provinces (translated two ways), the
 * contact line word for word, and a release still being translated.
 */
export const archive = {
  'releases/2025/031-water-preah-vihear.md': `---
ref: No. 31 PR-25/EoJ
date: 2025-11-20
---
# English

## Japan Supports Clean Water in Preah Vihear

The Government of Japan will provide US$500,000 to the United Nations Children's Fund (UNICEF). The Grant Contract will be signed on 20 November 2025 by H.E. Mr. UENO Atsushi, Ambassador Extraordinary and Plenipotentiary of Japan to the Kingdom of Cambodia.

The project will build 40 wells in Preah Vihear province.

For more information, please contact the Embassy of Japan.

# ខ្មែរ

## ជប៉ុនគាំទ្រទឹកស្អាតនៅខេត្តព្រះវិហារ

រដ្ឋាភិបាលជប៉ុននឹងផ្តល់ថវិកាចំនួន ៥០០,០០០ ដុល្លារអាមេរិក ដល់មូលនិធិកុមារនៃអង្គការសហប្រជាជាតិ (UNICEF)។ កិច្ចសន្យាផ្តល់ជំនួយនឹងត្រូវចុះហត្ថលេខានៅថ្ងៃទី២០ ខែ វិច្ឆិកា ឆ្នាំ២០២៥ ដោយ ឯកឧត្តម UENO Atsushi ឯកអគ្គរាជទូតវិសាមញ្ញ និងពេញសមត្ថភាពនៃប្រទេសជប៉ុនប្រចាំព្រះរាជាណាចក្រកម្ពុជា។

គម្រោងនេះនឹងសាងសង់អណ្តូងទឹកចំនួន ៤០ នៅខេត្តព្រះវិហារ។

សម្រាប់ព័ត៌មានបន្ថែម សូមទាក់ទងស្ថានទូតជប៉ុន។
`,
  'releases/2026/004-food-wfp.md': `---
ref: No. 4 PR-26/EoJ
date: 2026-01-15
---
# English

## Japan Provides Food Assistance through *WFP*

The Government of Japan will provide US$750,000 to the World Food Programme (WFP). The Grant Contract will be signed on 15 January 2026 by H.E. Mr. UENO Atsushi, Ambassador Extraordinary and Plenipotentiary of Japan to the Kingdom of Cambodia.

The project will build 40 wells in Preah Vihear province.

The Embassy hopes that this project will improve the health of children.

For more information, please contact the Embassy of Japan.

# ខ្មែរ

## ជប៉ុនផ្តល់ជំនួយស្បៀងអាហារតាមរយៈ *WFP*

រដ្ឋាភិបាលជប៉ុននឹងផ្តល់ថវិកាចំនួន ៧៥០,០០០ ដុល្លារអាមេរិក ដល់កម្មវិធីស្បៀងអាហារពិភពលោក (WFP)។ កិច្ចសន្យាផ្តល់ជំនួយនឹងត្រូវចុះហត្ថលេខានៅថ្ងៃទី១៥ ខែ មករា ឆ្នាំ២០២៦ ដោយ ឯកឧត្តម UENO Atsushi ឯកអគ្គរាជទូតវិសាមញ្ញ និងពេញសមត្ថភាពនៃប្រទេសជប៉ុនប្រចាំព្រះរាជាណាចក្រកម្ពុជា។

គម្រោងនេះនឹងជីកអណ្តូងចំនួន ៤០ នៅខេត្តព្រះវិហារ។

ស្ថានទូតសង្ឃឹមថា គម្រោងនេះនឹងលើកកម្ពស់សុខភាពរបស់កុមារ។

សម្រាប់ព័ត៌មានបន្ថែម សូមទាក់ទងស្ថានទូតជប៉ុន។
`,
  'releases/2026/005-wells-pursat.md': `---
ref: No. 5 PR-26/EoJ
date: 2026-03-02
draft: true
---
# English

## Japan Supports Clean Water in Pursat

The Government of Japan will provide US$1,200,000 to the World Food Programme (WFP). The Grant Contract will be signed on 2 March 2026 by H.E. Mr. UENO Atsushi, Ambassador Extraordinary and Plenipotentiary of Japan to the Kingdom of Cambodia.

The project will build 60 wells in Pursat province.

The Embassy hopes that this project will improve the health of local families.

For more information, please contact the Embassy of Japan.

# ខ្មែរ

## TODO ចំណងជើងខ្មែរ

TODO អត្ថបទខ្មែរ។
`
} as const

export type ArchivePath = keyof typeof archive

/** Writes a project (the repository's config and glossary) holding the archive, or other releases, into `dir`. */
export function writeArchive(dir: string, releases: Record<string, string> = archive): void {
  mkdirSync(dir, {recursive: true})
  for (const file of ['pressroom.yaml', 'glossary.yaml']) writeFileSync(path.join(dir, file), readRepoFile(file))
  for (const [file, text] of Object.entries(releases)) {
    mkdirSync(path.dirname(path.join(dir, file)), {recursive: true})
    writeFileSync(path.join(dir, file), text)
  }
}
