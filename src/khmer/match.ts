/**
 * The form Khmer text is compared in: without U+200B (an invisible
 * line-break hint) and with coeng Da written as coeng Ta, which looks the
 * same (SIL's Khmer normaliser does the same for matching).
 *
 * This module imports nothing, so the site's search script runs the very
 * same code in the browser.
 */
export function khmerMatchForm(text: string): string {
  return text.replace(/\u200B/g, '').replace(/\u17D2\u178A/g, '\u17D2\u178F').normalize('NFC')
}
