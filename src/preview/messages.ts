import type {VFileMessage} from 'vfile-message'
import type {StoredMessage} from '../diagnostic/message.js'

/**
 * A diagnostic as the preview shows it. The preview takes the check's
 * messages either as vfile messages (a checked file) or as the build's
 * stored copies (`StoredMessage`, which cross to worker threads).
 */
export interface PreviewMessage {
  ruleId: string
  severity: 'error' | 'warning' | 'info'
  reason: string
  line: number | null
  column: number | null
  /** The source offsets the message spans, when it names a range. */
  range: {start: number; end: number} | null
  expected: readonly string[]
  note: string | null
}

export type MessageInput = VFileMessage | StoredMessage

export function previewMessage(message: MessageInput): PreviewMessage {
  if ('severity' in message) {
    const start = message.place === null ? null : 'start' in message.place ? message.place.start : message.place
    return {
      ruleId: message.ruleId,
      severity: message.severity,
      reason: message.reason,
      line: start?.line ?? null,
      column: start?.column ?? null,
      range: rangeOf(message.place),
      expected: message.expected ?? [],
      note: message.note ?? null
    }
  }
  return {
    ruleId: message.ruleId ?? message.source ?? 'pressroom',
    severity: message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info',
    reason: message.reason,
    line: message.line ?? null,
    column: message.column ?? null,
    range: rangeOf(message.place),
    expected: message.expected ?? [],
    note: message.note ?? null
  }
}

type Place = {line: number; column: number; offset?: number} | {start: {offset?: number}; end: {offset?: number}}

/** Offsets of a range the reader or a rule gave (places made from line and column alone have none). */
function rangeOf(place: Place | null | undefined): PreviewMessage['range'] {
  if (!place || !('start' in place)) return null
  const {offset: start} = place.start
  const {offset: end} = place.end
  return typeof start === 'number' && typeof end === 'number' && end >= start ? {start, end} : null
}
