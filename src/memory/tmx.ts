import type {Element as XastElement} from 'xast'
import {x} from 'xastscript'
import {indent, notXmlCharacter, xmlDocument} from '../xliff/xml.js'
import type {ReleaseMemory} from './memory.js'

export interface TmxResult {
  xml: string
  /** Translation units written. */
  pairs: number
  /** Pairs left out because XML cannot hold a character of theirs, with where they are. */
  leftOut: Array<{path: string; line: number; codePoint: string}>
}

/**
 * The memory as TMX 1.4b: one `tu` per pair and release, in archive order,
 * English (`srclang="en"`) then Khmer, each with the release's reference,
 * date, file and line as `prop`s (`x-` types, as TMX wants for a tool's
 * own) and its date as `creationdate`. Nothing comes from the clock.
 */
export function renderTmx(releases: Iterable<ReleaseMemory>, options: {version: string}): TmxResult {
  const units: XastElement[] = []
  const leftOut: TmxResult['leftOut'] = []
  for (const release of releases) {
    release.segments.forEach((segment, i) => {
      for (const side of [segment.en, segment.km]) {
        const bad = notXmlCharacter(side.text)
        if (bad) {
          leftOut.push({path: release.path, line: side.line, codePoint: bad.codePoint})
          return
        }
      }
      const props = [
        ...(release.ref ? [x('prop', {type: 'x-reference'}, release.ref)] : []),
        ...(release.date ? [x('prop', {type: 'x-date'}, release.date)] : []),
        x('prop', {type: 'x-release'}, release.path),
        x('prop', {type: 'x-line'}, String(segment.en.line))
      ]
      units.push(
        x(
          'tu',
          {
            tuid: `${release.path}#${i + 1}`,
            segtype: segment.kind === 'sentence' ? 'sentence' : 'block',
            ...(release.date ? {creationdate: `${release.date.replaceAll('-', '')}T000000Z`} : {})
          },
          indent(
            [
              ...props,
              x('tuv', {'xml:lang': 'en'}, [x('seg', segment.en.text)]),
              x('tuv', {'xml:lang': 'km'}, [x('seg', segment.km.text)])
            ],
            3
          )
        )
      )
    })
  }
  const header = x('header', {
    creationtool: 'pressroom',
    creationtoolversion: options.version,
    datatype: 'plaintext',
    segtype: 'sentence',
    adminlang: 'en',
    srclang: 'en',
    'o-tmf': 'pressroom'
  })
  const root = x('tmx', {version: '1.4'}, indent([header, x('body', indent(units, 2))], 1))
  return {xml: xmlDocument(root, {name: 'tmx', system: 'tmx14.dtd'}), pairs: units.length, leftOut}
}
