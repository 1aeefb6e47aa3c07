/**
 * The text/html part: the office's template (templates/email/email.html)
 * filled from the release with the `{{name}}` placeholders and `data-if` of
 * the web page templates (html/template.ts), then the template's CSS copied
 * into style attributes (juice), since many mail clients drop `<style>` and
 * `<link>`. The release text comes from the model through the same hast the
 * web pages use (sectionContent), so nothing from the source reaches the
 * HTML as markup. The inlined page is sanitised with the site's schema
 * (plus styles) before it goes out: the second guard, as for the site.
 */
import type {Element, ElementContent} from 'hast'
import {h} from 'hastscript'
import {toHtml} from 'hast-util-to-html'
import juice from 'juice'
import rehypeParse from 'rehype-parse'
import {unified} from 'unified'
import {visit} from 'unist-util-visit'
import type {Config} from '../../config/model.js'
import type {Lang, Release} from '../../release/model.js'
import {sectionContent} from '../html/content.js'
import {sanitizeEmail} from '../html/sanitize.js'
import {fillTemplate, parseTemplate, placeholderNames, TemplateError, type TemplateValue} from '../html/template.js'
import {formatDate} from './plain-text.js'

export {TemplateError}

export interface EmailTemplate {
  html: string
  css: string
  /** Where the HTML was read from, for messages. */
  htmlPath: string
}

/** The placeholders an e-mail template can use. */
export const emailPlaceholders = [
  'subject',
  'organisation.en',
  'organisation.km',
  'documentTitle.en',
  'documentTitle.km',
  'ref',
  'date.iso',
  'date.en',
  'date.km',
  'sections',
  'contact'
] as const

// juice swaps `{{…}}` and `<%…%>` out as template code before it parses the
// HTML and pastes them back after, shifting the quoting of the attributes
// around them (a link title `{{` then turned a URL into event handlers). The
// HTML is never a template here: no code blocks.
for (const name of Object.keys(juice.codeBlocks)) delete juice.codeBlocks[name]

const htmlParser = unified().use(rehypeParse)

export function renderEmailHtml(release: Release, config: Config, template: EmailTemplate, subject: string): string {
  const parsed = parseTemplate(template.htmlPath, template.html)
  // A copy made for the old syntax would otherwise lose its slots in silence.
  visit(parsed.tree, 'element', (node: Element) => {
    if (node.properties.dataSlot === undefined) return
    throw new TemplateError(
      template.htmlPath,
      `data-slot="${String(node.properties.dataSlot)}" is no longer read; write {{name}} placeholders instead (templates/email/README.md lists them)`
    )
  })
  const date = release.frontmatter.date
  const values: Record<(typeof emailPlaceholders)[number], TemplateValue> = {
    subject,
    'organisation.en': config.organisation.en,
    'organisation.km': config.organisation.km,
    'documentTitle.en': config.title.en,
    'documentTitle.km': config.title.km,
    ref: release.frontmatter.ref ?? '',
    'date.iso': date ?? '',
    'date.en': date ? formatDate(date, 'en', config) : '',
    'date.km': date ? formatDate(date, 'km', config) : '',
    sections: sectionsContent(release),
    contact: contactContent(config)
  }
  // Filled first, so that a misspelt {{section}} is named as such.
  const filled = fillTemplate(parsed, values)
  if (!placeholderNames(parsed).has('sections')) {
    throw new TemplateError(template.htmlPath, 'the template has no {{sections}}; put it where the release text goes')
  }
  const inlined = juice(toHtml(filled), {
    extraCss: template.css,
    removeStyleTags: true,
    preserveMediaQueries: true,
    preserveFontFaces: true,
    applyWidthAttributes: true,
    applyAttributesTableElements: true
  })
  return toHtml(sanitizeEmail(htmlParser.parse(inlined)))
}

function sectionsContent(release: Release): ElementContent[] {
  const out: ElementContent[] = []
  for (const lang of release.order) {
    const section = release.sections[lang]
    if (!section) continue
    const {headline, body} = sectionContent(section, {headlineLevel: 1})
    if (out.length > 0) out.push(h('hr', {className: ['divider']}))
    if (headline) headline.properties.className = ['headline']
    out.push(h('div', {lang, className: ['section', `section-${lang}`]}, [...(headline ? [headline] : []), ...body]))
  }
  return out
}

function contactContent(config: Config): ElementContent[] {
  const {contact, organisation} = config
  const name = contact.name ?? organisation
  const span = (lang: Lang, value: string) => h('span', {lang}, value)
  const details: ElementContent[] = []
  if (contact.tel) details.push(h('p', `Tel: ${contact.tel}`))
  if (contact.email) details.push(h('p', ['E-mail: ', h('a', {href: `mailto:${contact.email}`}, contact.email)]))
  if (contact.website) {
    const safe = /^https?:\/\//iu.test(contact.website)
    details.push(h('p', ['Web: ', safe ? h('a', {href: contact.website}, contact.website) : contact.website]))
  }
  if (details.length === 0) return []
  return [h('p', [span('en', name.en), ' / ', span('km', name.km)]), ...details]
}
