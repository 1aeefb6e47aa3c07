import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {YamlError} from '../../config/yaml-schema.js'
import {loadLabels} from './assets.js'

/** A project folder whose `templates/site/labels.yaml` holds `text`. */
function projectWithLabels(text: string): string {
  const root = mkdtempSync(path.join(tmpdir(), 'labels-'))
  mkdirSync(path.join(root, 'templates/site'), {recursive: true})
  writeFileSync(path.join(root, 'templates/site/labels.yaml'), text)
  return root
}

describe('loadLabels', () => {
  it('takes the labels a project writes, and the shipped ones for the others', async () => {
    const {labels} = await loadLabels(projectWithLabels('en:\n  pdf: Get the PDF\nkm:\n  colon: ":"\n'))
    expect(labels.en.pdf).toBe('Get the PDF')
    expect(labels.en.tel).toBe('Tel')
    expect(labels.km.colon).toBe(':')
    expect(labels.km.pdf).toBe('ទាញយកឯកសារ PDF')
  })

  it('reads an empty file as no changes', async () => {
    const {labels} = await loadLabels(projectWithLabels('# nothing changed\n'))
    expect(labels.en.language).toBe('English')
  })

  it('stops at a misspelt label or a label that is not text, naming its line and column', async () => {
    const root = projectWithLabels('en:\n  pfd: Get the PDF\n  tel: [a, b]\nfr:\n  pdf: PDF\n')
    const error = await loadLabels(root).catch((error: unknown) => error)
    expect(error).toBeInstanceOf(YamlError)
    // Named relative to the project, as the site's other template files are.
    const file = 'templates/site/labels.yaml'
    expect((error as Error).message.split('\n')).toEqual([
      `${file}:2:3: Unknown key \`en.pfd\`; did you mean \`en.pdf\`?`,
      `${file}:3:8: \`en.tel\` must be text`,
      `${file}:4:1: Unknown key \`fr\`; did you mean \`en\`?`
    ])
  })
})
