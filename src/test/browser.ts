import {existsSync} from 'node:fs'
import path from 'node:path'
import {chromium, type BrowserContext} from 'playwright-core'

/** Debian's Chromium, which .ci/run installs. */
export const chromiumPath = '/usr/bin/chromium'

// Headless, and quiet on a machine with no network beyond loopback.
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

/**
 * Starts Chromium with a fresh profile under `work` (Playwright takes the
 * profile folder here rather than a --user-data-dir flag). Throws, rather
 * than letting a test skip, when Chromium is not installed.
 */
export async function launchChromium(work: string): Promise<BrowserContext> {
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing; install Debian's chromium package (apt-get install chromium)`)
  return chromium.launchPersistentContext(path.join(work, 'profile'), {executablePath: chromiumPath, args: chromiumArgs, headless: true})
}
