/**
 * Named points where a test stops a build, as a kill or a failure would:
 * with `PRESSROOM_CRASH_AT=<point>` the build's process is killed there (a
 * render thread throws instead, as one that cannot start). Tests walk every
 * point and check what the build leaves behind.
 */
export const crashPoints = ['checked', 'rendered', 'placing', 'placed', 'removed', 'manifest'] as const

export type CrashPoint = (typeof crashPoints)[number] | 'worker-start'

export function crashPoint(point: CrashPoint): void {
  if (process.env.PRESSROOM_CRASH_AT !== point) return
  if (point === 'worker-start') throw new Error('a render thread failed as it started (PRESSROOM_CRASH_AT=worker-start)')
  process.kill(process.pid, 'SIGKILL')
}
