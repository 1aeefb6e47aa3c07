import {mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {ledgerName, recoverOutput, safeRelative, spareName, stageOutput} from './output.js'

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
    expect(readdirSync(out).sort()).toEqual([ledgerName, spareName, 'pdf'])
    // The output it replaced is kept, whole, as the next build's spare.
    expect(readFileSync(path.join(out, spareName, 'gone.txt'), 'utf8')).toBe('from a deleted release')
    expect(readdirSync(parent)).toEqual(['out'])
  })

  it('makes the next output from the spare, writing only what changed and never into shared bytes', async () => {
    const parent = folder()
    const out = path.join(parent, 'out')
    const build = async (files: Record<string, string | null>) => {
      const stage = await stageOutput(out)
      stage.prefill(Object.keys(files).filter((name) => files[name] === null))
      for (const [name, text] of Object.entries(files)) {
        if (text === null) expect(await stage.carry(name)).toBe(true)
        else await stage.write(name, text)
      }
      return stage
    }
    await (await build({'a.txt': 'a1', 'b.txt': 'b1', 'site/2026/001/index.html': 'one'})).commit()
    await (await build({'a.txt': null, 'b.txt': 'b2', 'site/2026/001/index.html': null})).commit()
    const a = statSync(path.join(out, 'a.txt')).ino
    // The third build starts from the first build's output: b.txt is stale there, and 001 is dropped.
    const stage = await build({'a.txt': null, 'b.txt': null, 'c.txt': 'c3'})
    expect(readdirSync(out).sort()).toEqual([ledgerName, 'a.txt', 'b.txt', 'site'])
    expect(readFileSync(path.join(stage.dir, 'b.txt'), 'utf8')).toBe('b2')
    await stage.commit()
    expect(statSync(path.join(out, 'a.txt')).ino).toBe(a)
    expect(readFileSync(path.join(out, 'b.txt'), 'utf8')).toBe('b2')
    expect(readFileSync(path.join(out, 'c.txt'), 'utf8')).toBe('c3')
    expect(readdirSync(out).sort()).toEqual([ledgerName, spareName, 'a.txt', 'b.txt', 'c.txt'])
    // The spare (the second build's output) kept its own bytes through the rewrite of a.txt's neighbours.
    expect(readFileSync(path.join(out, spareName, 'b.txt'), 'utf8')).toBe('b2')
    expect(readFileSync(path.join(out, spareName, 'site/2026/001/index.html'), 'utf8')).toBe('one')
    // Rewriting a file the spare shares leaves the spare's copy alone.
    const fourth = await stageOutput(out)
    await fourth.write('a.txt', 'a4')
    expect(readFileSync(path.join(out, 'a.txt'), 'utf8')).toBe('a1')
    await fourth.commit()
    expect(readFileSync(path.join(out, 'a.txt'), 'utf8')).toBe('a4')
    expect(readFileSync(path.join(out, spareName, 'a.txt'), 'utf8')).toBe('a1')
    expect(readdirSync(out).sort()).toEqual([ledgerName, spareName, 'a.txt'])
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
    expect(readFileSync(path.join(out, spareName, 'site/2026/010/index.html'), 'utf8')).toBe('old page')
    expect(readdirSync(parent)).toEqual(['out'])
  })

  it('does not trust the ledger of a spare a killed build had begun to change', async () => {
    const parent = folder()
    const out = path.join(parent, 'out')
    const build = async (text: string | null) => {
      const stage = await stageOutput(out)
      if (text === null) expect(await stage.carry('a.txt')).toBe(true)
      else await stage.write('a.txt', text)
      await stage.commit()
    }
    await build('one')
    await build(null)
    await build(null)
    expect(readFileSync(path.join(out, ledgerName), 'utf8')).toBe(`pressroom output 3 spare 2\n= a.txt\n`)
    // A build takes the spare, writes into it, and dies.
    const killed = await stageOutput(out)
    await killed.write('a.txt', 'half-made')
    await recoverOutput(out)
    expect(readFileSync(path.join(out, spareName, 'a.txt'), 'utf8')).toBe('half-made')
    await build(null)
    expect(readFileSync(path.join(out, 'a.txt'), 'utf8')).toBe('one')
    expect(readdirSync(out).sort()).toEqual([ledgerName, spareName, 'a.txt'])
  })

  it('ignores a ledger that names files outside the output', async () => {
    const parent = folder()
    const out = path.join(parent, 'out')
    writeFileSync(path.join(parent, 'victim.txt'), 'keep me')
    for (let i = 0; i < 2; i++) {
      const stage = await stageOutput(out)
      await stage.write('a.txt', 'a')
      await stage.commit()
    }
    writeFileSync(path.join(out, spareName, ledgerName), `pressroom output 1 spare -\n+ ../victim.txt\n+ a.txt\n`)
    const stage = await stageOutput(out)
    await stage.write('a.txt', 'a')
    await stage.commit()
    expect(readFileSync(path.join(parent, 'victim.txt'), 'utf8')).toBe('keep me')
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
    expect(readdirSync(out).sort()).toEqual([spareName, 'a'])
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
    // The dead build's staging folder is of use as the next build's spare.
    expect(readdirSync(out).sort()).toEqual([spareName, 'a'])
    expect(readdirSync(parent)).toEqual(['out'])
  })

  it('keeps the replaced output as the spare when a build died after the swap', async () => {
    const parent = folder()
    const out = path.join(parent, 'out')
    mkdirSync(out)
    writeFileSync(path.join(out, 'a'), 'new')
    mkdirSync(`${out}.previous-999999`)
    writeFileSync(path.join(`${out}.previous-999999`, 'a'), 'old')
    await recoverOutput(out)
    expect(readFileSync(path.join(out, 'a'), 'utf8')).toBe('new')
    expect(readFileSync(path.join(out, spareName, 'a'), 'utf8')).toBe('old')
    expect(readdirSync(parent)).toEqual(['out'])
  })

  it('refuses paths outside the output folder', () => {
    expect(safeRelative('site/en/2026/010/index.html')).toBe('site/en/2026/010/index.html')
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', '.', 'a\0b']) expect(() => safeRelative(bad)).toThrow(/outside the output folder/)
  })
})
