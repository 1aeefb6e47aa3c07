// Types for the `linebreak` package (UAX #14), which ships none.
declare module 'linebreak' {
  export interface Break {
    /** UTF-16 offset where the next line may start. */
    position: number
    /** A mandatory break (after a line feed or other BK class character). */
    required: boolean
  }

  export default class LineBreaker {
    constructor(text: string)
    /** The next break opportunity, or null after the one at the end of the text. */
    nextBreak(): Break | null
  }
}
