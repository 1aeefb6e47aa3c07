/** What `pressroom send` is given: its options, and the process it runs in (tests pass their own). */

export interface SendIo {
  stdout: {write(text: string): unknown}
  stderr: {write(text: string): unknown}
  env: Record<string, string | undefined>
  /** The clock, when --now is not given; also the Date of each message sent. */
  now(): Date
  /** Whether diagnostics on stderr are coloured. */
  color: boolean
  setExitCode(code: number): void
}

export interface SendOptions {
  /** Recipients instead of `email.to`. */
  to?: string[]
  /** SMTP server URL; default `$SMTP_URL`. */
  smtp?: string
  yes?: boolean
  /** ISO 8601 date-time to check the embargo against. */
  now?: string
  /** The build's output folder, where an already built PDF is looked for. */
  out?: string
  /** Seconds one recipient's SMTP transaction may take; default `defaultTimeoutSeconds`. */
  timeout?: string
}

/** A transaction that takes longer is given up: a server that keeps talking must not hold the command forever. */
export const defaultTimeoutSeconds = 60
