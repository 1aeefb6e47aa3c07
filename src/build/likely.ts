/**
 * A guess, from modification times alone, at how many releases a build will
 * render: all of them without a previous build, else those whose file is
 * newer than the previous build's manifest (all, when the config, glossary,
 * templates or fonts are). The build decides from content hashes; a wrong
 * guess only costs time or memory, never a wrong output.
 */
import {readdir, stat} from 'node:fs/promises'
import path from 'node:path'

export async function likelyRenders(root: string, outDir: string): Promise<number> {
  const built = await stat(path.join(outDir, '.pressroom-manifest.json')).then(
    (info) => info.mtimeMs,
    () => null
  )
  const releases = await files(path.join(root, 'releases'))
  const sources = releases.filter((file) => file.endsWith('.md'))
  if (built === null) return sources.length
  const newer = async (list: readonly string[]) => (await Promise.all(list.map((file) => stat(file).then((info) => info.mtimeMs > built, () => false)))).filter(Boolean).length
  const shared = [path.join(root, 'pressroom.yaml'), path.join(root, 'glossary.yaml'), ...(await files(path.join(root, 'templates'))), ...(await files(path.join(root, 'fonts')))]
  if ((await newer(shared)) > 0) return sources.length
  return newer(sources)
}

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, {recursive: true, withFileTypes: true}).catch(() => [])
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name))
}
