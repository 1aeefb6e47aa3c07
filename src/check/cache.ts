import {sha256} from '../hash.js'
import type {VFile} from 'vfile'
import type {Config} from '../config/model.js'
import {configKey} from '../config/key.js'
import {addMessage, type Severity} from '../diagnostic/message.js'
import type {Point, Position, Release} from '../release/model.js'

/**
 * What the reader and the per-release rules said about one release file,
 * kept by the build so that an unchanged file is not read and checked again.
 * Rules that compare releases always run afresh.
 */
export interface CachedCheck {
  /** Hash of the file's bytes and everything the checks depend on. */
  hash: string
  release: Release
  messages: StoredMessage[]
}

export interface StoredMessage {
  ruleId: string
  severity: Severity
  reason: string
  place: Point | Position | null
  actual?: string
  expected?: string[]
  note?: string
}

export type CheckCache = Record<string, CachedCheck>

/**
 * The part of a cache key shared by every file: the tool's version, the
 * config (glossary included) and the fonts' bytes, which decide what
 * `missing-glyph` reports.
 */
export function checkCacheKey(version: string, config: Config): string {
  return sha256(
    version,
    configKey(config),
    config.coverage?.fingerprint ?? 'fonts unreadable'
  )
}

export function fileHash(key: string, bytes: Uint8Array): string {
  return sha256(key, bytes)
}

export function storeMessages(file: VFile, skipRuleIds: ReadonlySet<string>): StoredMessage[] {
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
