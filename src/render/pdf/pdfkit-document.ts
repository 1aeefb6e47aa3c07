/**
 * The one module that touches pdfkit. pdfkit writes the file: page tree,
 * compressed content streams, cross-reference table, document information,
 * XMP metadata, link annotations and the structure tree of a tagged PDF.
 * It does not lay out, shape or encode any text here: pages receive
 * ready-made operators (see content.ts) and fonts are written as plain
 * objects (see fonts.ts).
 *
 * pdfkit 0.20 internals used, all of them here (pin pdfkit when upgrading):
 * - `doc.addContent(ops)`: appends operators to the current page;
 * - `doc.ref(data)` / `ref.end(bytes)`: a new indirect object;
 * - `doc.page.fonts`: the page's /Font resources;
 * - `doc._id`: the trailer's /ID, set from a content hash (pdfkit derives it
 *   from the creation date);
 * - `doc.endMetadata`, `doc.appendXML`: wrapped to XML-escape the XMP
 *   packet, which pdfkit writes from the document information verbatim,
 *   and to drop its indentation;
 * - `doc.read()`: the file's bytes, read synchronously once `end()` has
 *   pushed them (pdfkit pushes everything within `end()`).
 */
import {createHash, type Hash} from 'node:crypto'
import {createRequire} from 'node:module'

/** An indirect object. Opaque outside this module. */
export interface PdfRef {
  readonly pdfRef: true
}

/** A PDF text string (pdfkit writes JS `String` objects as strings, primitive strings as names). */
export type PdfText = {readonly pdfText: true}

export type PdfValue = number | boolean | null | string | PdfText | PdfRef | Uint8Array | PdfValue[] | {[key: string]: PdfValue}

/** A text string value for `object()`. */
export function pdfText(value: string): PdfText {
  // pdfkit writes a String object as a text string `(...)`, a plain string as a name `/...`.
  return new String(value) as unknown as PdfText
}

/** An element of the structure tree (pdfkit's PDFStructureElement). */
export interface StructElement {
  readonly structElement: true
}

export interface DocumentOptions {
  widthPt: number
  heightPt: number
  /** BCP 47 language of the document (catalog /Lang). */
  lang: string
  title: string
  author: string
  subject: string
  creator: string
  producer: string
  /** Creation and modification date. */
  date: Date
}

// Shapes of the pdfkit objects used; pdfkit ships no types.
interface PdfkitRef {
  data: Record<string, unknown>
  end(chunk?: Uint8Array | string): void
}
interface PdfkitContent {
  readonly pdfkitContent: true
}
interface PdfkitStruct {
  add(child: PdfkitStruct | PdfkitContent): PdfkitStruct
  end(): void
}
interface PdfkitPage {
  fonts: Record<string, PdfkitRef>
}
interface Pdfkit {
  page: PdfkitPage
  info: Record<string, unknown>
  _id: Uint8Array
  addPage(options: object): Pdfkit
  addContent(data: string): Pdfkit
  ref(data?: object): PdfkitRef
  struct(type: string, options?: object): PdfkitStruct
  addStructure(element: PdfkitStruct): Pdfkit
  markStructureContent(tag: string, options?: object): PdfkitContent
  endMarkedContent(): Pdfkit
  link(x: number, y: number, w: number, h: number, url: string, options?: object): Pdfkit
  endMetadata(): void
  appendXML(xml: string, newline?: boolean): void
  end(): void
  read(): Uint8Array | null
}
type PdfkitConstructor = new (options: object) => Pdfkit

let PDFDocument: PdfkitConstructor | undefined

/** Loads pdfkit (and fontkit with it), once: a renderer may do it before its first document. */
export function pdfkit(): PdfkitConstructor {
  PDFDocument ??= createRequire(import.meta.url)('pdfkit') as PdfkitConstructor
  return PDFDocument
}

/**
 * A PDF being written: pages in order, each taking operators; objects;
 * structure elements; link annotations. `finish()` returns the bytes.
 */
export class PdfDocument {
  private readonly doc: Pdfkit
  private readonly hash: Hash = createHash('sha256')
  private readonly widthPt: number
  private readonly heightPt: number
  private readonly contents = new Map<PdfkitStruct, PdfkitContent>()
  private pageOpen = false
  readonly root: StructElement

  constructor(options: DocumentOptions) {
    this.widthPt = options.widthPt
    this.heightPt = options.heightPt
    const Document = pdfkit()
    this.doc = new Document({
      autoFirstPage: false,
      // No default font: pdfkit would load Helvetica's metrics for nothing.
      font: null,
      pdfVersion: '1.7',
      tagged: true,
      lang: options.lang,
      displayTitle: true,
      info: {
        Title: options.title,
        Author: options.author,
        Subject: options.subject,
        Creator: options.creator,
        Producer: options.producer,
        CreationDate: options.date,
        ModDate: options.date
      }
    })
    const endMetadata = this.doc.endMetadata
    this.doc.endMetadata = function (this: Pdfkit) {
      const info = this.info
      this.info = Object.fromEntries(Object.entries(info).map(([key, value]) => [key, typeof value === 'string' ? escapeXml(value) : value]))
      // pdfkit indents the packet for reading; the indentation is a kilobyte of spaces.
      const appendXML = this.appendXML
      this.appendXML = (xml: string, newline?: boolean) => appendXML.call(this, xml.replace(/^\s+/gm, ''), newline)
      try {
        endMetadata.call(this)
      } finally {
        this.info = info
        this.appendXML = appendXML
      }
    }
    for (const value of [options.title, options.author, options.subject, options.lang, options.date.toISOString()]) this.hash.update(`${value}\n`)
    const root = this.doc.struct('Document')
    this.doc.addStructure(root)
    this.root = root as unknown as StructElement
  }

  /** Starts a page; its operators use PDF's own coordinates (origin bottom left, y up). */
  addPage(): void {
    this.closePage()
    this.doc.addPage({size: [this.widthPt, this.heightPt], margin: 0})
    // pdfkit flips the y axis for its own drawing; undo it for ours.
    this.doc.addContent(`q 1 0 0 -1 0 ${this.heightPt} cm`)
    this.pageOpen = true
    this.hash.update('page\n')
  }

  /** Appends operators to the current page. */
  write(operators: string): void {
    if (operators === '') return
    this.doc.addContent(operators)
    this.hash.update(operators)
    this.hash.update('\n')
  }

  /** Lists a font object in the current page's /Font resources. */
  useFont(resourceName: string, font: PdfRef): void {
    this.doc.page.fonts[resourceName] ??= font as unknown as PdfkitRef
  }

  /** A new object, written at once (with a stream when given). */
  object(data: {[key: string]: PdfValue}, stream?: Uint8Array | string): PdfRef {
    const ref = this.doc.ref(data)
    if (stream !== undefined) this.hash.update(stream)
    ref.end(stream)
    return ref as unknown as PdfRef
  }

  /** An object to be referred to now and written later with `endObject`. */
  reserve(): PdfRef {
    return this.doc.ref({}) as unknown as PdfRef
  }

  endObject(ref: PdfRef, data: {[key: string]: PdfValue}): void {
    const pdfkitRef = ref as unknown as PdfkitRef
    Object.assign(pdfkitRef.data, data)
    pdfkitRef.end()
  }

  /** A structure element, attached to `parent` at once (so children keep reading order). */
  struct(tag: string, parent: StructElement, options: {lang?: string} = {}): StructElement {
    const element = this.doc.struct(tag, options.lang ? {lang: options.lang} : {})
    ;(parent as unknown as PdfkitStruct).add(element)
    return element as unknown as StructElement
  }

  /** Opens marked content belonging to `element` (outside any text object). */
  beginMarked(element: StructElement, tag: string): void {
    const pdfkitElement = element as unknown as PdfkitStruct
    this.contents.set(pdfkitElement, this.doc.markStructureContent(tag))
    this.hash.update(`<${tag}>`)
  }

  endMarked(element: StructElement): void {
    const pdfkitElement = element as unknown as PdfkitStruct
    const content = this.contents.get(pdfkitElement)
    if (!content) throw new Error('endMarked: no marked content is open for this element')
    this.doc.endMarkedContent()
    this.contents.delete(pdfkitElement)
    pdfkitElement.add(content)
  }

  /** Ends an element: nothing more is added to it, and pdfkit may write it out. */
  endStruct(element: StructElement): void {
    ;(element as unknown as PdfkitStruct).end()
  }

  /**
   * A link annotation over a rectangle given in PDF coordinates (y up),
   * owned by a Link structure element on the current page.
   */
  link(xPt: number, yPt: number, widthPt: number, heightPt: number, url: string, element: StructElement, contents: string): void {
    // pdfkit's annotation rectangles are in its flipped space: top-left origin.
    this.doc.link(xPt, this.heightPt - yPt - heightPt, widthPt, heightPt, url, {
      structParent: element,
      Contents: pdfText(contents)
    })
    this.hash.update(`link ${url} ${xPt} ${yPt} ${widthPt} ${heightPt}\n`)
  }

  /** Ends the document; the trailer /ID is a hash of everything written. */
  finish(): Uint8Array {
    this.closePage()
    this.doc._id = new Uint8Array(this.hash.digest().subarray(0, 16))
    this.doc.end()
    const chunks: Uint8Array[] = []
    for (let chunk = this.doc.read(); chunk !== null; chunk = this.doc.read()) chunks.push(chunk)
    return Buffer.concat(chunks)
  }

  private closePage(): void {
    if (!this.pageOpen) return
    if (this.contents.size > 0) throw new Error('a page ended with marked content still open')
    this.doc.addContent('Q')
    this.pageOpen = false
  }
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`)
}
