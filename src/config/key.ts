import type {Config} from './model.js'

/**
 * The config as outputs and checks depend on it, as text for hashing: its
 * settings, without where it was read from (a project moved elsewhere is
 * the same project), the source positions of its keys, or the loaded fonts
 * (hashed from their files where they matter).
 */
export function configKey(config: Config): string {
  return JSON.stringify({...config, positions: undefined, path: undefined, root: undefined, coverage: undefined})
}
