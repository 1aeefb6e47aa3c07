/**
 * The e-mail renderer: `out/email/YYYY-NNN.eml` for each release, ready for
 * `pressroom send` or any mail client, with the release's PDF attached when
 * the PDF renderer ran before it. Nothing when `pressroom.yaml` has no
 * `email.from`; an invalid address there throws an EmailConfigError whose
 * message starts with `pressroom.yaml:line:column:` (a config error).
 */
import type {OutputFile, RenderContext, RenderedRelease, Renderer} from '../renderer.js'
import {composeEmail} from './compose.js'
import type {EmailTemplate} from './html.js'
import {loadEmailTemplate} from './template.js'

export {AddressError, formatMailbox, parseMailbox, type Mailbox} from './address.js'
export {addressEmail, composeEmail, emailSettings, formatMessageDate, prepareEmail, type PreparedEmail, emailSubject, EmailConfigError, messageDate, type ComposedEmail, type EmailInput, type EmailSettings} from './compose.js'
export {renderEmailHtml, emailPlaceholders, TemplateError, type EmailTemplate} from './html.js'
export {renderPlainText} from './plain-text.js'
export {defaultTemplateDir, loadEmailTemplate} from './template.js'
export {wrapFlowed} from './wrap-flowed.js'

/** Where the e-mail of a release is written, relative to the output folder. */
export function emailPath(id: string): string {
  return `email/${id}.eml`
}

/** Where the PDF renderer puts a release's PDF, relative to the output folder. */
export function pdfPath(id: string): string {
  return `pdf/${id}.pdf`
}

export function createEmailRenderer(): Renderer {
  let template: EmailTemplate | null = null
  const prepare = async (context: RenderContext) => {
    template = await loadEmailTemplate(context.root)
  }
  return {
    name: 'email',
    prepare,
    async renderRelease(rendered: RenderedRelease, context: RenderContext) {
      // A project without `email.from` does not mail its releases.
      if (context.config.email.from === null) return {files: [], findings: []}
      if (!template) await prepare(context)
      const {release, identity} = rendered
      const pdf = rendered.files.find((file) => file.path === pdfPath(identity.id))
      const email = await composeEmail({release, identity, config: context.config, template: template!, pdf: pdf ? bytesOf(pdf) : null})
      return {files: [{path: emailPath(identity.id), data: email.eml}], findings: []}
    }
  }
}

function bytesOf(file: OutputFile): Uint8Array {
  return typeof file.data === 'string' ? new TextEncoder().encode(file.data) : file.data
}
