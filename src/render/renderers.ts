import type {Renderer, RendererName} from './renderer.js'
import {rendererNames} from './renderer.js'

/** The renderers of a build (all, or those named), in the order they run. Each is loaded only when asked for. */
export async function createRenderers(names: readonly RendererName[] = rendererNames): Promise<Renderer[]> {
  const make: Record<RendererName, () => Promise<Renderer>> = {
    pdf: async () => (await import('./pdf/index.js')).createPdfRenderer(),
    site: async () => (await import('./site/index.js')).createSiteRenderer(),
    email: async () => (await import('./email/index.js')).createEmailRenderer()
  }
  return Promise.all(rendererNames.filter((name) => names.includes(name)).map((name) => make[name]()))
}
