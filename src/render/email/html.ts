/**
 * The text/html part: the office's template (templates/email/email.html)
 * with its `data-slot` elements filled from the release, then the template's
 * CSS copied into style attributes (juice), since many mail clients drop
 * `<style>` and `<link>`. The release text comes from the model through the
 * same hast the web pages use (sectionContent), so nothing from the source
 * reaches the HTML as markup. The inlined page is sanitised with the site's
 * schema (plus styles) before it goes out: the second guard, as for the site.
 */
import type {Element, ElementContent, Root} from 'hast'
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
import {formatDate} from './plain-text.js'

export interface EmailTemplate {
  html: string
  css: string
  /** Where the HTML was read from, for messages. */
  htmlPath: string
}

export class TemplateError extends Error {}

/** What each `data-slot` receives. */
export const slotNames = [
  'subject',
  'organisation-en',
  'organisation-km',
  'title-en',
  'title-km',
  'reference',
  'date-en',
  'date-km',
  'sections',
  'contact'
] as const

type SlotName = (typeof slotNames)[number]

// juice swaps `{{…}}` and `<%…%>` out as template code before it parses the
// HTML and pastes them back after, shifting the quoting of the attributes
// around them (a link title `{{` then turned a URL into event handlers). The
// HTML is never a template here: no code blocks.
for (const name of Object.keys(juice.codeBlocks)) delete juice.codeBlocks[name]

const htmlParser = unified().use(rehypeParse)

export function renderEmailHtml(release: Release, config: Config, template: EmailTemplate, subject: string): string {
  const tree = htmlParser.parse(template.html) as Root
  const date = release.frontmatter.date
  const text: Record<Exclude<SlotName, 'sections' | 'contact'>, string> = {
    subject,
    'organisation-en': config.organisation.en,
    'organisation-km': config.organisation.km,
    'title-en': config.title.en,
    'title-km': config.title.km,
    reference: release.frontmatter.ref ?? '',
    'date-en': date ? formatDate(date, 'en', config) : '',
    'date-km': date ? formatDate(date, 'km', config) : ''
  }
  const filled = new Set<string>()
  visit(tree, 'element', (node: Element) => {
    const slot = node.properties.dataSlot
    if (slot === undefined) return
    const name = String(slot)
    delete node.properties.dataSlot
    if (!(slotNames as readonly string[]).includes(name)) {
      throw new TemplateError(`${template.htmlPath}: unknown data-slot="${name}"; use one of ${slotNames.join(', ')}`)
    }
    filled.add(name)
    if (name.endsWith('-km') && node.properties.lang === undefined) node.properties.lang = 'km'
    if (name === 'sections') node.children = sectionsContent(release)
    else if (name === 'contact') node.children = contactContent(config)
    else node.children = [{type: 'text', value: text[name as keyof typeof text]}]
  })
  if (!filled.has('sections')) {
    throw new TemplateError(`${template.htmlPath}: no element has data-slot="sections"; add one where the release text goes`)
  }
  const inlined = juice(toHtml(tree), {
    extraCss: template.css,
    removeStyleTags: true,
    preserveMediaQueries: true,
    preserveFontFaces: true,
    applyWidthAttributes: true,
    applyAttributesTableElements: true
  })
  return toHtml(sanitizeEmail(htmlParser.parse(inlined) as Root))
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
