/**
 * Text from releases and configs printed to a terminal: control characters
 * and bidirectional controls are shown as `<U+001B>`, never sent raw (an
 * escape sequence would act on the terminal, a bidi override reorder the
 * line). Line breaks and tabs stay.
 */
const unsafe = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu

export function escapeControls(text: string): string {
  return text.replace(unsafe, (c) => `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`)
}
