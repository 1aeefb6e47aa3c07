import {writeFileSync} from 'node:fs'

// Loaded with `node --import` into a measured process: records its peak
// resident set size (kilobytes) when it exits.
const target = process.env.PRESSROOM_RSS_FILE
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS)))
