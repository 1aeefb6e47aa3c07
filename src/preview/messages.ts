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
    expected: message.expected ?? [],
    note: message.note ?? null
  }
}
