/**
 * Import cycles among the TypeScript files of a folder. Every import counts:
 * `import type`, `export … from` and `import()` as well as plain imports,
 * since a cycle of types is still two files that cannot be read apart.
 * TypeScript's own pre-processor lists each file's imports, so no import is
 * missed or invented by a regular expression.
 */
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

/** Relative imports of each `.ts` file under `root`, as paths relative to `root` (`cli/shape.ts`). */
export function importGraph(root: string): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  for (const entry of readdirSync(root, {recursive: true, withFileTypes: true})) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.d.ts')) continue
    const file = path.join(entry.parentPath, entry.name)
    const {importedFiles} = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
    const targets = importedFiles
      .map((imported) => imported.fileName)
      .filter((name) => name.startsWith('.'))
      // Sources import `./x.js`; the file is `./x.ts`.
      .map((name) => path.relative(root, path.resolve(path.dirname(file), name.replace(/\.js$/, '.ts'))))
    graph.set(path.relative(root, file), [...new Set(targets)])
  }
  return graph
}

/**
 * The import cycles of a graph: each group of files that reach one another
 * (a strongly connected component, Tarjan's algorithm), sorted, largest
 * groups as they are. A file importing itself is a cycle of one.
 */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const cycles: string[][] = []
  const visit = (file: string) => {
    index.set(file, index.size)
    low.set(file, index.get(file)!)
    stack.push(file)
    onStack.add(file)
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue
      if (!index.has(next)) {
        visit(next)
        low.set(file, Math.min(low.get(file)!, low.get(next)!))
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file)!, index.get(next)!))
      }
    }
    if (low.get(file) !== index.get(file)) return
    const group: string[] = []
    for (;;) {
      const member = stack.pop()!
      onStack.delete(member)
      group.push(member)
      if (member === file) break
    }
    if (group.length > 1 || graph.get(file)!.includes(file)) cycles.push(group.sort())
  }
  for (const file of [...graph.keys()].sort()) if (!index.has(file)) visit(file)
  return cycles.sort((a, b) => a[0]!.localeCompare(b[0]!))
}
