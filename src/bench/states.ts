/**
 * `check` on releases in unfinished states (src/fuzz/states.ts): each state
 * is read once, then every rule runs on the parsed release in this process,
 * timed, while a thread samples the process's resident memory every 2 ms
 * for the peak growth over the memory before the check. Target: under a
 * second each, memory flat (a few megabytes, not growing with the state).
 */
import {runInNewContext} from 'node:vm'
import {setFlagsFromString} from 'node:v8'
import {Worker} from 'node:worker_threads'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {checkReleases} from '../check/index.js'
import {loadProject} from '../project/load.js'
import {namedStates} from '../fuzz/states.js'
import {parseRelease} from '../release/parse.js'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

// Samples the resident set size into shared memory (kilobytes), keeping the highest.
const samplerSource = `
const {workerData} = require('node:worker_threads')
const peak = new Int32Array(workerData)
setInterval(() => {
  const kb = Math.round(process.memoryUsage.rss() / 1024)
  if (kb > Atomics.load(peak, 0)) Atomics.store(peak, 0, kb)
}, 2)
`

export async function benchStates(): Promise<Array<{name: string; value: string}>> {
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as () => void
  const {config} = await loadProject(path.join(repo, 'pressroom.yaml'))
  const states = namedStates()
  const shared = new SharedArrayBuffer(4)
  const peak = new Int32Array(shared)
  const sampler = new Worker(samplerSource, {eval: true, workerData: shared})
  const rows: Array<{name: string; value: string}> = []
  try {
    // One check first, so that the first state does not pay for compiling the rules.
    checkReleases([parseRelease(states[0]!.path, new TextEncoder().encode(states[0]!.text))], config)
    for (const state of states) {
      const bytes = new TextEncoder().encode(state.text)
      let started = performance.now()
      const entry = parseRelease(state.path, bytes)
      const parseSeconds = (performance.now() - started) / 1000
      gc()
      const before = process.memoryUsage.rss()
      Atomics.store(peak, 0, Math.round(before / 1024))
      started = performance.now()
      checkReleases([entry], config)
      const checkSeconds = (performance.now() - started) / 1000
      await new Promise((resolve) => setTimeout(resolve, 10))
      const growthMb = (Atomics.load(peak, 0) * 1024 - before) / 2 ** 20
      rows.push({
        name: `check ${state.name} (${formatBytes(bytes.length)}; target < 1 s)`,
        value: `${checkSeconds.toFixed(3)} s, peak +${growthMb.toFixed(1)} MB, ${entry.file.messages.length} messages (reading ${parseSeconds.toFixed(2)} s)`
      })
    }
  } finally {
    await sampler.terminate()
  }
  return rows
}

function formatBytes(bytes: number): string {
  return bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)} MB` : `${(bytes / 1024).toFixed(0)} KB`
}
