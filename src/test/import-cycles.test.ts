import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {importCycles, importGraph} from './import-cycles.js'
import {repoRoot} from './project.js'

describe('imports', () => {
  it('has no file under src/ that imports a file importing it back', () => {
    expect(importCycles(importGraph(path.join(repoRoot, 'src')))).toEqual([])
  })

  it('keeps the layers: nothing below the CLI imports it, and only the CLI imports the build', () => {
    const graph = importGraph(path.join(repoRoot, 'src'))
    const crossing: string[] = []
    for (const [file, imported] of graph) {
      if (file.endsWith('.test.ts') || file.startsWith('test/') || file.startsWith('bench/') || file.startsWith('corpus/')) continue
      for (const target of imported) {
        if (!file.startsWith('cli/') && target.startsWith('cli/')) crossing.push(`${file} → ${target}`)
        if (!/^(cli|build)\//.test(file) && target.startsWith('build/')) crossing.push(`${file} → ${target}`)
      }
    }
    expect(crossing).toEqual([])
    // The rule sees the imports it is about.
    expect(graph.get('build/build.ts')).toContain('render/renderer.ts')
  })
})

describe('importCycles', () => {
  it('finds cycles through type-only, re-exported and dynamic imports, and nothing else', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'import-cycles-'))
    mkdirSync(path.join(root, 'a'))
    const files: Record<string, string> = {
      'a/one.ts': "import type {Two} from './two.js'\nexport type One = Two",
      'a/two.ts': "export type {One as Two} from './one.js'",
      'three.ts': "export const load = () => import('./four.js')",
      'four.ts': "import {load} from './three.js'\nimport {x} from 'node:path'\nexport {load}",
      'five.ts': "import {load} from './three.js'\nimport './a/one.js'\n// import './five.js' is a comment\nexport const s = \"import './five.js'\"",
      'self.ts': "export * from './self.js'"
    }
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(root, name), text)
    expect(importCycles(importGraph(root))).toEqual([
      ['a/one.ts', 'a/two.ts'],
      ['four.ts', 'three.ts'],
      ['self.ts']
    ])
  })

  it('finds a cycle of three files as one group', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', []]
    ])
    expect(importCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts']])
  })
})
