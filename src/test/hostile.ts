/**
 * Script attacks written into a release, for every renderer that makes HTML
 * (the site, the feed, the preview, the e-mail): each must run nothing.
 */
import type {Element} from 'hast'
import {visit} from 'unist-util-visit'
import {parseHtml, textOf} from './hast.js'
import {readRepoFile, seedPath} from './project.js'

const unsafeUrl = /^(?:javascript|data|vbscript|file):/i
const dangerousTags = new Set(['script', 'style', 'iframe', 'frame', 'object', 'embed', 'img', 'svg', 'math', 'form', 'base', 'link', 'meta', 'template'])

/**
 * What could run in a browser: script and style elements (other than the
 * trusted ones, byte for byte), embedding elements, event handler
 * attributes, autofocus (which fires a focus handler unasked), URLs with
 * script-capable schemes, refresh redirects.
 */
export function executableMarkup(html: string, trusted: readonly string[] = []): string[] {
  const found: string[] = []
  visit(parseHtml(html), 'element', (element: Element, _index, parent) => {
    const inHead = parent?.type === 'element' && parent.tagName === 'head'
    const own = (element.tagName === 'script' || element.tagName === 'style') && trusted.includes(textOf(element))
    const headElement = inHead && (element.tagName === 'link' || element.tagName === 'meta')
    // The templates' search box: a GET form to a page of the site itself.
    const searchBox =
      element.tagName === 'form' &&
      String(element.properties.className ?? '') === 'search' &&
      String(element.properties.method ?? '') === 'get' &&
      /^(?:\.\.\/|\.\/|search\/)/.test(String(element.properties.action ?? ''))
    if (dangerousTags.has(element.tagName) && !own && !headElement && !searchBox) found.push(`<${element.tagName}>`)
    for (const [name, value] of Object.entries(element.properties)) {
      if (/^on/i.test(name)) found.push(`${element.tagName}[${name}]`)
      if (name === 'autoFocus') found.push(`${element.tagName}[autofocus]`)
      for (const item of Array.isArray(value) ? value : [value]) {
        // Browsers drop tabs, newlines and leading spaces before the scheme.
        const url = String(item).replace(/[\u0000-\u0020]/g, '')
        if (['href', 'src', 'action', 'formAction', 'xLinkHref', 'poster', 'cite'].includes(name) && unsafeUrl.test(url)) found.push(`${element.tagName}[${name}=${url}]`)
      }
    }
    if (element.tagName === 'meta' && String(element.properties.httpEquiv ?? '').toLowerCase() === 'refresh') found.push('meta refresh')
  })
  return found
}

export const hostileLinks = [
  '[a](javascript:alert(1))',
  '[a](JaVaScRiPt:alert(1))',
  '[a](<javascript:alert(1)>)',
  '[a](java&#x09;script:alert(1))',
  '[a](&#106;avascript:alert(1))',
  '[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[a](vbscript:msgbox(1))',
  '[a](file:///etc/passwd)',
  '[a](<https://example.org/" onmouseover="alert(1)>)',
  '[a](https://example.org "t\\" onmouseover=\\"alert(1)")',
  "[a](https://example.org 'x\\' onfocus=\\'alert(1)')",
  '[a](<https://example.org/\'><script>alert(1)</script>>)',
  '<javascript:alert(1)>',
  '[a]: javascript:alert(1)',
  // Template code markers around links: an inliner that treats them as code shifts the attribute quoting.
  '[the site](https://example.com "{{") details }} and [more](https://example.com/a/p=q/autofocus/onfocus=alert(1)//).',
  '[the site](https://example.com "<%") details %> and [more](https://example.com/a/p=q/autofocus/onfocus=alert(1)//).',
  '[a](https://example.com/{{x "}}") [b](https://example.com/p=q/autofocus/onfocus=alert(1)//)'
]

export const hostileText = [
  '<script>alert(1)</script>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '\\<script>alert(1)\\</script>',
  '<img src=x onerror=alert(1)>',
  '" onmouseover="alert(1)',
  "' onmouseover='alert(1)",
  '"><svg onload=alert(1)>',
  '&quot;&gt;&lt;svg onload=alert(1)&gt;',
  '&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;',
  '&lt;/style&gt;&lt;/script&gt;&lt;!--',
  '{{title}} {{article}} {{url.canonical}}',
  '<!-- comment --> ]]> <![CDATA[x]]>',
  '&#x3C;iframe src=javascript:alert(1)&#x3E;',
  '{{ " onmouseover="alert(1) }} <% \' autofocus onfocus=\'alert(1) %>',
  'JUICE_CODE_BLOCK_0_ JUICE_CODE_BLOCK_1_="" {{&lt;img src=x onerror=alert(1)&gt;}}'
]

/** The seed with a hostile snippet in the headline and first paragraph of both languages, and in the reference. */
export function hostileRelease(snippet: string): string {
  const seed = readRepoFile(seedPath).toString('utf8')
  return seed
    .replace('ref: No. 10 PR-26/EoJ', `ref: "No. 10 PR-26/EoJ ${snippet.replace(/["\\]/g, '\\$&')}"`)
    .replace('## Japan Provides', `## ${snippet} Japan Provides`)
    .replace('The Government of Japan will provide', `The Government ${snippet} of Japan will provide`)
    .replace('## ជម្នះ', `## ${snippet} ជម្នះ`)
    .replace('រដ្ឋាភិបាលជប៉ុននឹងផ្តល់', `${snippet} រដ្ឋាភិបាលជប៉ុននឹងផ្តល់`)
}
