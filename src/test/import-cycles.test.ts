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
