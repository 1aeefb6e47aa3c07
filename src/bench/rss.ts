import {writeFileSync} from 'node:fs'

// Loaded with `node --import` into a measured process: records, when it
// exits, its peak resident set size (kilobytes) and the CPU time of all its
// threads (microseconds), as JSON.
const target = process.env.PRESSROOM_RSS_FILE
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage()
    writeFileSync(target, JSON.stringify({maxRssKb: usage.maxRSS, cpuMicros: usage.userCPUTime + usage.systemCPUTime}))
  })
}
