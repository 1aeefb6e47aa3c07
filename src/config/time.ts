/**
 * Times in the office's time zone (`timeZone` of pressroom.yaml, an IANA
 * name), with the platform's time zone data (Intl).
 */

/** The offset of `zone` from UTC at `instant`, in minutes (420 for Asia/Phnom_Penh). */
export function zoneOffset(instant: Date, zone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit'})
      .formatToParts(instant)
      .map((part) => [part.type, part.value])
  )
  const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second))
  return Math.round((local - Math.floor(instant.getTime() / 1000) * 1000) / 60000)
}

/** The instant a wall-clock time in `zone` names (`2026-02-18T10:00` → 03:00 UTC in Asia/Phnom_Penh). */
export function zonedTime(local: {year: number; month: number; day: number; hour: number; minute: number; second: number; millisecond: number}, zone: string): Date {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second, local.millisecond)
  // The offset at the guess, then again at the result: right on both sides of a change of offset.
  let instant = wall - zoneOffset(new Date(wall), zone) * 60000
  instant = wall - zoneOffset(new Date(instant), zone) * 60000
  return new Date(instant)
}

/** `2026-02-18 10:00 (UTC+07:00, Asia/Phnom_Penh)`: a time as the office reads it. */
export function formatZoned(instant: Date, zone: string): string {
  const offset = zoneOffset(instant, zone)
  const local = new Date(instant.getTime() + offset * 60000).toISOString()
  const sign = offset < 0 ? '-' : '+'
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0')
  return `${local.slice(0, 10)} ${local.slice(11, 16)} (UTC${sign}${hours}:${minutes}, ${zone})`
}
