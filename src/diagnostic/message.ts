import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import type {Point, Position} from '../release/model.js'

export type Severity = 'error' | 'warning' | 'info'

export interface MessageInit {
  ruleId: string
  severity: Severity
  /** The problem, then the fix: "Reference is `X`; write `Y`". */
  reason: string
  place?: Point | Position | null
  actual?: string
  expected?: string[]
  note?: string
}

/**
 * Adds a message to `file` the way unified linters do: `fatal` true for
 * errors, false for warnings, undefined for info (vfile-message semantics).
 */
export function addMessage(file: VFile, init: MessageInit): VFileMessage {
  // A message is an Error, whose stack vfile-message then empties: not
  // capturing it makes thousands of messages (a cached build restores
  // them) several times cheaper.
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  let message: VFileMessage
  try {
    message = file.message(init.reason, {
      place: stripOffsets(init.place ?? undefined),
      ruleId: init.ruleId,
      source: 'pressroom'
    })
  } finally {
    Error.stackTraceLimit = limit
  }
  message.fatal = init.severity === 'error' ? true : init.severity === 'warning' ? false : undefined
  if (init.actual !== undefined) message.actual = init.actual
  if (init.expected !== undefined) message.expected = init.expected
  if (init.note !== undefined) message.note = init.note
  return message
}

function stripOffsets(place: Point | Position | undefined) {
  if (!place) return undefined
  if ('start' in place) return {start: pointOf(place.start), end: pointOf(place.end)}
  return pointOf(place)
}

function pointOf(point: Point) {
  return {line: point.line, column: point.column, offset: point.offset}
}

/** A message as plain data: what crosses to a render thread and what a build keeps for the next. */
export interface StoredMessage {
  ruleId: string
  severity: Severity
  reason: string
  place: Point | Position | null
  actual?: string
  expected?: string[]
  note?: string
}

export function storeMessages(file: VFile, skipRuleIds: ReadonlySet<string> = new Set()): StoredMessage[] {
  return file.messages
    .filter((message) => !skipRuleIds.has(message.ruleId ?? ''))
    .map((message) => ({
      ruleId: message.ruleId ?? '',
      severity: message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info',
      reason: message.reason,
      place: (message.place as Point | Position | undefined) ?? null,
      ...(message.actual !== undefined ? {actual: message.actual} : {}),
      ...(message.expected !== undefined ? {expected: message.expected} : {}),
      ...(message.note !== undefined ? {note: message.note} : {})
    }))
}

export function restoreMessages(file: VFile, messages: readonly StoredMessage[]): void {
  for (const message of messages) addMessage(file, message)
}

/** How many of the files' messages are errors and how many warnings. */
export function countMessages(files: readonly VFile[]) {
  let warnings = 0
  let errors = 0
  for (const file of files) {
    for (const message of file.messages) {
      if (message.fatal === true) errors++
      else if (message.fatal === false) warnings++
    }
  }
  return {warnings, errors}
}
