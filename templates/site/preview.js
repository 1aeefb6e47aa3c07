// The preview's behaviour. Hovering a highlighted fact or glossary term
// highlights its twin in the other language; hovering a diagnostic outlines
// its block. Under `pressroom preview`, the page reloads when the server's
// version changes (the release, the config or the glossary was edited).
(() => {
  let lit = []
  const light = (elements, className) => {
    for (const element of lit) element.classList.remove('twin-active', 'block-active')
    lit = [...elements]
    for (const element of lit) element.classList.add(className)
  }
  document.addEventListener('mouseover', (event) => {
    const target = event.target instanceof Element ? event.target : null
    const mark = target?.closest('mark[data-twin]')
    const note = target?.closest('[data-block]')
    if (mark) {
      const twin = mark.getAttribute('data-twin')
      light([...document.querySelectorAll('mark[data-twin]')].filter((other) => other.getAttribute('data-twin') === twin), 'twin-active')
    } else if (note) {
      const block = document.getElementById(note.getAttribute('data-block'))
      light(block ? [block] : [], 'block-active')
    } else {
      light([], 'twin-active')
    }
  })

  const events = document.body.dataset.liveEvents
  if (events && 'EventSource' in window) {
    const shown = document.body.dataset.liveVersion
    const source = new EventSource(events)
    source.addEventListener('version', (event) => {
      if (event.data !== shown) {
        source.close()
        location.reload()
      }
    })
  }
})()
