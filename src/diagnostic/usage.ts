import type {VFile} from 'vfile'

/** A problem that stops a command before it starts: exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** Files whose messages explain the problem, printed with the reporter. */
    readonly files: VFile[] = []
  ) {
    super(message)
  }
}
