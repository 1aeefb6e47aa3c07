import {execFileSync} from 'node:child_process'
import {chmodSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

/**
 * Compiles the sources, and makes the test run's own temporary folder: tests make throwaway projects,
 * outputs and browser profiles under `os.tmpdir()`, which points here for
 * the run (test processes start after this and inherit TMPDIR); the whole
 * folder goes when the run ends.
 */
export default function setup(): () => void {
  // Tests that run the CLI run the compiled dist/: compiled here first, so that they never run stale code.
  execFileSync(process.execPath, [path.resolve('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {stdio: 'inherit'})
  // The command runs as a program, as `npm run build` leaves it (tsc writes its files without the executable bit).
  chmodSync('dist/cli/main.js', 0o755)
  // The web fonts of the shipped fonts, as `npm run build` makes them (kept when already made).
  execFileSync(process.execPath, [path.resolve('dist/render/site/ship-fonts.js')], {stdio: 'inherit'})
  const dir = mkdtempSync(path.join(tmpdir(), 'pressroom-tests-'))
  process.env.TMPDIR = dir
  return () => {
    if (!process.env.PRESSROOM_KEEP_TEST_FILES && !process.env.PRESSROOM_KEEP_SCREENSHOTS) rmSync(dir, {recursive: true, force: true})
  }
}
