import {h} from 'hastscript'
import {toHtml} from 'hast-util-to-html'
import {describe, expect, it} from 'vitest'
import {fillTemplate, parseTemplate, placeholderNames, TemplateError} from './template.js'

const template = parseTemplate(
  't.html',
  '<!doctype html><html><head><title>{{title}}</title><link rel="canonical" href="{{url}}"></head>' +
    '<body><p class="x {{extra}}" data-if="tel">Tel: <a href="tel:{{tel}}">{{ tel }}</a></p><main>{{article}}</main></body></html>'
)

describe('fillTemplate', () => {
  it('puts values in text and attributes as text, and content as elements', () => {
    const html = toHtml(fillTemplate(template, {title: 'A <b> & "c"', url: 'https://x.org/', extra: 'y', tel: '023', article: [h('h1', 'Head')]}))
    expect(html).toContain('<title>A &#x3C;b> &#x26; "c"</title>')
    expect(html).toContain('<link rel="canonical" href="https://x.org/">')
    expect(html).toContain('<p class="x y">Tel: <a href="tel:023">023</a></p>')
    expect(html).toContain('<main><h1>Head</h1></main>')
  })

  it('leaves out an element whose data-if value is empty, and a link whose attribute came out empty', () => {
    const html = toHtml(fillTemplate(template, {title: 't', url: '', extra: '', tel: '', article: []}))
    expect(html).not.toContain('Tel:')
    expect(html).not.toContain('canonical')
    expect(html).toContain('<main></main>')
  })

  it('names a misspelt placeholder and content put in an attribute', () => {
    expect(() => fillTemplate(template, {title: 't', url: '', extra: '', tel: ''})).toThrow(
      new TemplateError('t.html', 'unknown placeholder {{article}}; known: extra, tel, title, url')
    )
    expect(() => fillTemplate(template, {title: 't', url: [h('b')], extra: '', tel: '', article: []})).toThrow(
      't.html: {{url}} is content and cannot stand in an attribute'
    )
  })
})

describe('placeholderNames', () => {
  it('lists the names of text, attributes and data-if', () => {
    expect([...placeholderNames(template)].sort()).toEqual(['article', 'extra', 'tel', 'title', 'url'])
  })
})
