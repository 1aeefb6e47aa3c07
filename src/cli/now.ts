import {zonedTime} from '../config/time.js'
import {UsageError} from '../diagnostic/usage.js'

const isoTime = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i

/**
 * `--now` of every command: ISO 8601, a date or a date and time. With an
 * offset (`Z`, `+07:00`, `+0700`, `+07`) it is that instant; without one it
 * is a wall-clock time in the office's `timeZone`, and a date alone is the
 * start of that day there. Anything else is a usage error.
 */
export function parseNow(value: string, timeZone: string): Date {
  const match = isoTime.exec(value.trim())
  const fail = () => new UsageError(`--now ${value} is not an ISO 8601 time; write e.g. 2026-02-18T10:00:00+07:00, or 2026-02-18T10:00 for ${timeZone} time`)
  if (!match) throw fail()
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '0', offset] = match
  const local = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
    millisecond: Math.round(Number(`0.${fraction}`) * 1000)
  }
  const probe = new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second))
  const valid =
    probe.getUTCFullYear() === local.year && probe.getUTCMonth() === local.month - 1 && probe.getUTCDate() === local.day && local.hour < 24 && local.minute < 60 && local.second < 60
  if (!valid) throw fail()
  if (!offset) return zonedTime(local, timeZone)
  const minutes = offset.toUpperCase() === 'Z' ? 0 : (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.replace(':', '').slice(3, 5) || 0))
  return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second, local.millisecond) - minutes * 60000)
}
