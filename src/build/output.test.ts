import {mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {recoverOutput, safeRelative, stageOutput} from './output.js'

const folder = () => mkdtempSync(path.join(tmpdir(), 'pressroom-out-'))

describe('stageOutput', () => {
  it('swaps a new output in whole and carries unchanged files over', async () => {
    const parent = folder()
    const out = path.join(parent, 'out')
    mkdirSync(path.join(out, 'pdf'), {recursive: true})
    writeFileSync(path.join(out, 'pdf/a.pdf'), 'old a')
    writeFileSync(path.join(out, 'gone.txt'), 'from a deleted release')
    const stage = await stageOutput(out)
    expect(await stage.carry('pdf/a.pdf')).toBe(true)
    await stage.write('pdf/b.pdf', 'new b')
    // Until the commit, readers see the previous output.
    expect(readdirSync(out).sort()).toEqual(['gone.txt', 'pdf'])
    await stage.commit()
    expect(readFileSync(path.join(out, 'pdf/a.pdf'), 'utf8')).toBe('old a')
    expect(readFileSync(path.join(out, 'pdf/b.pdf'), 'utf8')).toBe('new b')
    expect(readdirSync(out).sort()).toEqual(['pdf'])
    expect(readdirSync(parent)).toEqual(['out'])
  })

  it('carries files ahead without letting a rewrite reach the previous output, and takes back what the build did not keep', async () => {
    const parent = folder()
    const out = path.join(parent, 'out')
    mkdirSync(path.join(out, 'site/2026/009'), {recursive: true})
    mkdirSync(path.join(out, 'site/2026/010'), {recursive: true})
    writeFileSync(path.join(out, 'site/2026/009/index.html'), 'deleted release')
    writeFileSync(path.join(out, 'site/2026/010/index.html'), 'old page')
    writeFileSync(path.join(out, 'kept.txt'), 'kept')
    const stage = await stageOutput(out)
    stage.prefill(['site/2026/009/index.html', 'site/2026/010/index.html', 'kept.txt'])
    await stage.write('site/2026/010/index.html', 'new page')
    expect(await stage.carry('kept.txt')).toBe(true)
    // The staged page shared its bytes with the previous one until it was written.
    expect(readFileSync(path.join(out, 'site/2026/010/index.html'), 'utf8')).toBe('old page')
    await stage.commit()
    expect(readFileSync(path.join(out, 'site/2026/010/index.html'), 'utf8')).toBe('new page')
    expect(readFileSync(path.join(out, 'kept.txt'), 'utf8')).toBe('kept')
    expect(readdirSync(path.join(out, 'site/2026'))).toEqual(['010'])
    expect(readdirSync(parent)).toEqual(['out'])
  })

  it('leaves the previous output untouched when aborted', async () => {
    const parent = folder()
    const out = path.join(parent, 'out')
    mkdirSync(out)
    writeFileSync(path.join(out, 'a'), 'old')
    const stage = await stageOutput(out)
    await stage.write('a', 'new')
    await stage.abort()
    expect(readFileSync(path.join(out, 'a'), 'utf8')).toBe('old')
    expect(readdirSync(parent)).toEqual(['out'])
  })

  it('puts the previous output back when a build died between the two renames', async () => {
    const parent = folder()
    const out = path.join(parent, 'out')
    mkdirSync(out)
    writeFileSync(path.join(out, 'a'), 'old')
    renameSync(out, `${out}.previous-999999`)
    mkdirSync(`${out}.staging-999999`)
    await recoverOutput(out)
    expect(readFileSync(path.join(out, 'a'), 'utf8')).toBe('old')
    expect(readdirSync(parent)).toEqual(['out'])
  })

  it('refuses paths outside the output folder', () => {
    expect(safeRelative('site/en/2026/010/index.html')).toBe('site/en/2026/010/index.html')
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', '.', 'a\0b']) expect(() => safeRelative(bad)).toThrow(/outside the output folder/)
  })
})
