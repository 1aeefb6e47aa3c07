import type {RendererName} from './build.js'
import type {JobLookup} from './render.js'
import type {Renderer} from './renderer.js'

/** The renderers of a build (all, or those named), in the order they run: later ones use earlier ones' files. */
export async function createRenderers(lookup: JobLookup, names: readonly RendererName[] = rendererOrder): Promise<Renderer[]> {
  // Loaded here rather than at start-up: a build with nothing to render needs none of them.
  const make: Record<RendererName, () => Promise<Renderer>> = {
    pdf: async () => (await import('../render/pdf/index.js')).createPdfRenderer({sourceFor: lookup.sourceFor}),
    html: async () => (await import('../render/site/index.js')).createSiteRenderer({messagesFor: lookup.messagesFor}),
    email: async () => (await import('../render/email/index.js')).createEmailRenderer()
  }
  return Promise.all(rendererOrder.filter((name) => names.includes(name)).map((name) => make[name]()))
}

/** The names of `createRenderers`' renderers, in the same order. */
export const rendererOrder: readonly RendererName[] = ['pdf', 'html', 'email']
