/**
 * link: links and addresses in the text are well formed: absolute URLs that
 * parse, e-mail addresses with a domain, and `https:` where the config shows
 * the site has it (an `https:` `site.baseUrl` or `contact.website` on the
 * same host).
 *
 * @example releases/2026/010-ok.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   See [the site](https://www.kh.emb-japan.go.jp/press/) or write to info.jpn@pp.mofa.go.jp.
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *   សូមមើល https://www.kh.emb-japan.go.jp ។
 *
 * @example releases/2026/010-bad.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   See [the site](http://www.kh.emb-japan.go.jp/press/), [this](/press/9) or write to info.jpn@pp.
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *   សូមមើល [គេហទំព័រ](https:/www.kh.emb-japan.go.jp)។
 *
 * @expect releases/2026/010-bad.md 7:5 Link `http://www.kh.emb-japan.go.jp/press/` uses http:, but www.kh.emb-japan.go.jp has https:; write `https://www.kh.emb-japan.go.jp/press/`
 * @expect releases/2026/010-bad.md 7:55 Link `/press/9` is not a full address; write it with https://
 * @expect releases/2026/010-bad.md 7:84 E-mail address `info.jpn@pp` has no domain; check it
 * @expect releases/2026/010-bad.md 10:8 Link `https:/www.kh.emb-japan.go.jp` is not a valid address; check it
 */
import {releaseLinks, schemeOf} from '../../release/links.js'
import {sectionsOf, sectionTextNodes, sourcePoint} from '../../release/text.js'
import {defineRule} from '../rule.js'

const emailLike = /[\w.+-]+@[\p{L}\p{N}.-]+/gu
const validEmail = /^[\w.+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}$/u
const bareUrl = /\bhttps?:\/\/[^\s<>()]+/giu

export default defineRule({
  id: 'link',
  severity: 'warning',
  summary: 'Links and addresses are well formed; https where the site has it',
  checkRelease(release, {config, source, report}) {
    const httpsHosts = new Set(
      [config.site.baseUrl, config.contact.website]
        .flatMap((url) => (url ? [safeUrl(url)] : []))
        .filter((url) => url?.protocol === 'https:')
        .map((url) => url!.hostname)
    )
    const checkUrl = (url: string, place: Parameters<typeof report>[0]['place']) => {
      const scheme = schemeOf(url)
      if (scheme === 'mailto:') {
        const address = decodeURIComponent(url.slice(7).split('?')[0] ?? '')
        if (!validEmail.test(address)) report({reason: `E-mail address \`${address}\` is not valid; check it`, place, actual: address})
        return
      }
      if (scheme === 'tel:' || (scheme !== null && scheme !== 'http:' && scheme !== 'https:')) return
      if (scheme === null) {
        report({reason: `Link \`${url}\` is not a full address; write it with https://`, place, actual: url})
        return
      }
      const parsed = safeUrl(url)
      if (!parsed || !/^https?:\/\/[^\s/]+\.[^\s/]+/i.test(url) || /\s/.test(url)) {
        report({reason: `Link \`${url}\` is not a valid address; check it`, place, actual: url})
        return
      }
      if (parsed.protocol === 'http:' && httpsHosts.has(parsed.hostname)) {
        const fixed = `https:${url.slice(5)}`
        report({
          reason: `Link \`${url}\` uses http:, but ${parsed.hostname} has https:; write \`${fixed}\``,
          place,
          actual: url,
          expected: [fixed]
        })
      }
    }
    for (const link of releaseLinks(release)) checkUrl(link.url, link.position)
    for (const section of sectionsOf(release)) {
      for (const node of sectionTextNodes(section)) {
        const at = (index: number, length: number) => ({
          start: sourcePoint(source, node, index),
          end: sourcePoint(source, node, index + length)
        })
        for (const match of node.value.matchAll(bareUrl)) {
          checkUrl(match[0].replace(/[.,;:!?។]+$/u, ''), at(match.index, match[0].length))
        }
        for (const match of node.value.matchAll(emailLike)) {
          const address = match[0].replace(/[.]+$/, '')
          if (validEmail.test(address)) continue
          if (node.value.slice(Math.max(0, match.index - 8), match.index).includes('://')) continue
          report({
            reason: `E-mail address \`${address}\` has no domain; check it`,
            place: at(match.index, address.length),
            actual: address
          })
        }
      }
    }
  }
})

function safeUrl(url: string): URL | null {
  try {
    return new URL(url)
  } catch {
    return null
  }
}
