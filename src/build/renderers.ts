import type {RendererName} from './build.js'
import type {JobLookup} from './render.js'
import type {Renderer} from './renderer.js'

/** The renderers of a build (all, or those named), in the order they run: later ones use earlier ones' files. */
export async function createRenderers(lookup: JobLookup, names: readonly RendererName[] = rendererOrder): Promise<Renderer[]> {
  const make: Record<RendererName, () => Promise<Renderer>> = {
    pdf: async () => (await modules.pdf()).createPdfRenderer({sourceFor: lookup.sourceFor}),
    html: async () => (await modules.html()).createSiteRenderer({messagesFor: lookup.messagesFor}),
    email: async () => (await modules.email()).createEmailRenderer()
  }
  return Promise.all(rendererOrder.filter((name) => names.includes(name)).map((name) => make[name]()))
}

// Loaded when first needed rather than at start-up: a build with nothing to render needs none of them.
const modules = {
  pdf: () => import('../render/pdf/index.js'),
  html: () => import('../render/site/index.js'),
  email: () => import('../render/email/index.js')
}

/**
 * Starts loading the renderers' code, for a build that expects to render:
 * loading takes hundreds of small files, and goes slowly once the thread
 * is busy writing.
 */
export function preloadRenderers(names: readonly RendererName[]): void {
  for (const name of names) modules[name]().catch(() => undefined)
}

/** The names of `createRenderers`' renderers, in the same order. */
export const rendererOrder: readonly RendererName[] = ['pdf', 'html', 'email']
