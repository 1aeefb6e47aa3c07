/**
 * link-scheme: links use https, http, mailto or tel. `javascript:`, `data:`,
 * `file:` and other schemes could run code or leak files when the release is
 * read on the site or in an e-mail.
 *
 * @example releases/2026/010-ok.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   Write to [the embassy](mailto:info.jpn@pp.mofa.go.jp) or see [the site](https://www.kh.emb-japan.go.jp).
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *   សូមមើល [គេហទំព័រ](https://www.kh.emb-japan.go.jp)។
 *
 * @example releases/2026/010-bad.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   See [the site](javascript:alert(1)) and [this](data:text/html,hi).
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *   សូមមើល [គេហទំព័រ](JavaScript:void(0))។
 *
 * @expect releases/2026/010-bad.md 7:5 Link scheme `javascript:` is not allowed; link to an https:// address
 * @expect releases/2026/010-bad.md 7:41 Link scheme `data:` is not allowed; link to an https:// address
 * @expect releases/2026/010-bad.md 10:8 Link scheme `javascript:` is not allowed; link to an https:// address
 */
import {releaseLinks, safeSchemes, schemeOf} from '../../release/links.js'
import {defineRule} from '../rule.js'

export default defineRule({
  id: 'link-scheme',
  severity: 'error',
  summary: 'Links use https, http, mailto or tel only',
  checkRelease(release, {report}) {
    for (const link of releaseLinks(release)) {
      // Browsers ignore control characters and spaces inside a scheme, so do the same before judging it.
      const scheme = schemeOf(link.url.replace(/[\u0000-\u0020\u007F]+/g, ''))
      if (scheme === null || (safeSchemes as readonly string[]).includes(scheme)) continue
      report({
        reason: `Link scheme \`${scheme}\` is not allowed; link to an https:// address`,
        place: link.position,
        actual: link.url,
        expected: [...safeSchemes]
      })
    }
  }
})
