import {setFlagsFromString} from 'node:v8'
import {runInNewContext} from 'node:vm'

let collect: (() => void) | null = null

/**
 * A full garbage collection, now. The build calls it once, when the check's
 * garbage (tens of megabytes) is done with and the render workers are about
 * to grow: V8 would otherwise keep that heap until it next idles.
 */
export function collectGarbage(): void {
  if (!collect) {
    setFlagsFromString('--expose-gc')
    collect = runInNewContext('gc') as () => void
  }
  collect()
}
