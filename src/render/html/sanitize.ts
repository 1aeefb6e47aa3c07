import type {Root} from 'hast'
import {defaultSchema, type Schema} from 'hast-util-sanitize'
import rehypeSanitize from 'rehype-sanitize'
import {unified} from 'unified'

/**
 * What a page may hold: GitHub's schema (the one rehype-sanitize starts
 * from), plus the document elements and attributes our templates use.
 * Scripts, styles, event handlers and URLs with other schemes than http,
 * https, mailto and tel never pass, whatever a release or a template holds.
 */
// GitHub's schema allows only certain class names on some elements (a, ul,
// section…); ours come from pressroom and templates, so any class is fine.
const defaultAttributes = Object.fromEntries(
  Object.entries(defaultSchema.attributes ?? {}).map(([tag, list]) => [
    tag,
    list.filter((entry) => !(Array.isArray(entry) && entry[0] === 'className'))
  ])
)

export const pageSchema: Schema = {
  ...defaultSchema,
  allowDoctypes: true,
  // Ids and names come from templates and from pressroom, not from releases.
  clobber: [],
  strip: ['script', 'style'],
  // GitHub's schema turns every input into a disabled checkbox (task lists);
  // releases hold none, and the templates' search box must stay a text box.
  required: {},
  tagNames: [
    ...(defaultSchema.tagNames ?? []),
    'html', 'head', 'body', 'title', 'meta', 'link',
    'header', 'footer', 'main', 'nav', 'article', 'aside', 'address', 'time', 'small', 'mark', 'abbr', 'figure', 'figcaption',
    // The search box of the site's templates (releases hold no HTML of their own).
    'form', 'label', 'button'
  ],
  attributes: {
    ...defaultAttributes,
    '*': [...(defaultAttributes['*'] ?? []), 'className', 'lang', 'dir', 'id', 'hidden', 'role', 'ariaLabel', 'ariaHidden', 'ariaCurrent', 'ariaLive', 'data*'],
    html: ['lang', 'dir'],
    meta: ['charSet', 'name', 'content', 'property', 'httpEquiv'],
    link: ['rel', 'href', 'hrefLang', 'type', 'title', 'media', 'sizes'],
    a: [...(defaultAttributes.a ?? []), 'href', 'hrefLang', 'rel', 'type', 'download'],
    ol: [...(defaultAttributes.ol ?? []), 'start', 'reversed'],
    time: ['dateTime'],
    form: ['action', 'method'],
    label: ['htmlFor'],
    input: ['type', 'name', 'value', 'required', 'autoComplete', 'spellCheck', 'placeholder'],
    button: ['type']
  },
  protocols: {
    ...defaultSchema.protocols,
    href: ['http', 'https', 'mailto', 'tel']
  }
}

/**
 * What an e-mail may hold: the page schema, plus what inlining the CSS makes
 * (style attributes, and the template's @media rules in a `<style>` of the
 * head). A style can draw, never run script.
 */
export const emailSchema: Schema = {
  ...pageSchema,
  strip: ['script'],
  tagNames: [...(pageSchema.tagNames ?? []), 'style'],
  ancestors: {...pageSchema.ancestors, style: ['head']},
  attributes: {
    ...pageSchema.attributes,
    '*': [...(pageSchema.attributes?.['*'] ?? []), 'style']
  }
}

const sanitizer = unified().use(rehypeSanitize, pageSchema)
const emailSanitizer = unified().use(rehypeSanitize, emailSchema)

/** Passes a whole page through rehype-sanitize: the second guard after the model. */
export function sanitizePage(tree: Root): Root {
  return sanitizer.runSync(tree)
}

/** Passes the e-mail's HTML, its CSS inlined, through rehype-sanitize. */
export function sanitizeEmail(tree: Root): Root {
  return emailSanitizer.runSync(tree)
}
