import {readFile} from 'node:fs/promises'
import {packageRoot} from '../../package.js'
import path from 'node:path'
import type {EmailTemplate} from './html.js'

/** The templates shipped with pressroom (`templates/email/`), used where a project has none of its own. */
export const defaultTemplateDir = path.join(packageRoot, 'templates/email')

/**
 * Reads `templates/email/email.html` and `email.css` from the project
 * folder; each file the project does not have comes from pressroom's own.
 */
export async function loadEmailTemplate(root: string): Promise<EmailTemplate> {
  const read = async (name: string) => {
    const own = path.join(root, 'templates/email', name)
    const text = await readFile(own, 'utf8').catch(() => null)
    if (text !== null) return {text, file: path.relative(root, own).split(path.sep).join('/')}
    const fallback = path.join(defaultTemplateDir, name)
    return {text: await readFile(fallback, 'utf8'), file: fallback}
  }
  const [html, css] = await Promise.all([read('email.html'), read('email.css')])
  return {html: html.text.replace(/^\uFEFF/u, ''), css: css.text.replace(/^\uFEFF/u, ''), htmlPath: html.file}
}
