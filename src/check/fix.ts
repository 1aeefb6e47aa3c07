import type {Edit} from './rule.js'

export interface AppliedEdits {
  text: string
  /** The edits applied, in source order; overlapping ones are left for a later pass. */
  applied: Edit[]
}

/**
 * Applies non-overlapping edits to a text. Of two edits that overlap, the
 * earlier one wins; the caller re-checks and applies again until no fix is
 * proposed, so the result does not depend on which one came first.
 */
export function applyEdits(text: string, edits: readonly Edit[]): AppliedEdits {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end)
  const applied: Edit[] = []
  let end = -1
  for (const edit of sorted) {
    if (edit.start < end || (edit.start === end && edit.start === edit.end && applied.at(-1)?.start === edit.start)) continue
    if (text.slice(edit.start, edit.end) === edit.text) continue
    applied.push(edit)
    end = edit.end
  }
  let out = ''
  let at = 0
  for (const edit of applied) {
    out += text.slice(at, edit.start) + edit.text
    at = edit.end
  }
  return {text: out + text.slice(at), applied}
}
