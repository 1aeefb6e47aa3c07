/**
 * A function of a text that remembers its last results. A paragraph's text
 * is segmented by several steps of its layout (fonts per cluster, line
 * breaks, justification, the e-mail's wrapping) and laid out again at other
 * sizes (a card's headline): each asks once. What is kept is bounded by
 * the length of the texts, oldest dropped first. The results are shared, so
 * they are read-only.
 */
export function rememberLast<T>(compute: (text: string) => T, keptUtf16 = 1 << 18): (text: string) => T {
  const kept = new Map<string, T>()
  let length = 0
  return (text) => {
    let value = kept.get(text)
    if (value === undefined) {
      value = compute(text)
      for (const old of kept.keys()) {
        if (length + text.length <= keptUtf16) break
        kept.delete(old)
        length -= old.length
      }
      if (text.length <= keptUtf16) {
        kept.set(text, value)
        length += text.length
      }
    }
    return value
  }
}
