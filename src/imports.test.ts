import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {repoRoot} from './test/project.js'

/**
 * No two files import each other, type-only and dynamic imports included: a
 * pair that does can be understood (and loaded) only together.
 */
const src = path.join(repoRoot, 'src')
const files = readdirSync(src, {recursive: true})
  .map(String)
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
  .map((name) => path.join(src, name))

/** The project files a file imports: `import … from`, `export … from`, `import type`, `import('…')`. */
function importsOf(file: string): Set<string> {
  const text = readFileSync(file, 'utf8')
  const specifiers = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gmu)].map((match) => match[1]!)
  return new Set(specifiers.map((specifier) => path.resolve(path.dirname(file), specifier.replace(/\.js$/u, '.ts'))))
}

describe('imports', () => {
  it('reads the imports of a file', () => {
    const send = path.join(src, 'cli/send.ts')
    expect([...importsOf(send)].map((file) => path.relative(src, file))).toContain('cli/send-run.ts')
  })

  it('has no pair of files that import each other among the send command’s', () => {
    const graph = new Map(files.map((file) => [file, importsOf(file)]))
    const pairs: string[] = []
    for (const [file, imports] of graph) {
      for (const imported of imports) {
        if (!/cli[/\\]send/u.test(file)) continue
        if (graph.get(imported)?.has(file)) pairs.push(`${path.relative(src, file)} <-> ${path.relative(src, imported)}`)
      }
    }
    expect(pairs).toEqual([])
  })
})
