import {readFile} from 'node:fs/promises'
import path from 'node:path'
import type {Config} from '../config/model.js'
import {parseGlossary} from '../config/glossary.js'
import {parseConfig} from '../config/parse.js'
import {UsageError} from './usage.js'

export interface Project {
  root: string
  config: Config
}

/**
 * Reads and validates `pressroom.yaml` and `glossary.yaml` beside it;
 * problems are usage errors. `ruleIds` as in `parseConfig`: a build's render
 * threads pass null, and so need not load the rules.
 */
export async function readProjectConfig(configPath: string, ruleIds: readonly string[] | null): Promise<Project> {
  const absolute = path.resolve(configPath)
  let text: string
  try {
    text = await readFile(absolute, 'utf8')
  } catch {
    throw new UsageError(
      `cannot read ${configPath}; run pressroom in the project folder (the one with pressroom.yaml) or pass --config FILE`
    )
  }
  const root = path.dirname(absolute)
  const {config, file} = parseConfig(path.relative(process.cwd(), absolute) || configPath, root, text.replace(/^\uFEFF/, ''), ruleIds)
  if (!config) throw new UsageError(`${configPath} has errors; fix them and run again`, [file])
  const glossaryPath = path.join(root, 'glossary.yaml')
  const glossaryText = await readFile(glossaryPath, 'utf8').catch(() => null)
  if (glossaryText !== null) {
    const parsed = parseGlossary(path.relative(process.cwd(), glossaryPath), glossaryText.replace(/^\uFEFF/, ''))
    if (!parsed.glossary) throw new UsageError('glossary.yaml has errors; fix them and run again', [parsed.file])
    config.glossary = parsed.glossary
  }
  return {root, config}
}
