// The preview's behaviour. Hovering a highlighted fact or glossary term
// highlights its twin in the other language; hovering a diagnostic outlines
// its block. Under `pressroom preview`, the page reloads when the server's
// version changes (the release, the config or the glossary was edited).
// "Copy Khmer" under an earlier translation puts its Khmer on the
// clipboard; the page never changes the release.
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

  // The clipboard API needs a secure context (127.0.0.1 and file: are);
  // elsewhere, a selected text area and the copy command do the same.
  const copyText = async (text) => {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text)
    const area = document.createElement('textarea')
    area.value = text
    area.setAttribute('readonly', '')
    area.style.position = 'fixed'
    area.style.opacity = '0'
    document.body.append(area)
    area.select()
    const done = document.execCommand('copy')
    area.remove()
    if (!done) throw new Error('the browser refused to copy')
  }
  const copy = (button) => {
    const label = button.dataset.label || button.textContent
    button.dataset.label = label
    button.classList.remove('copied', 'failed')
    copyText(button.dataset.copy).then(
      () => {
        button.classList.add('copied')
        button.textContent = 'Copied'
      },
      () => {
        button.classList.add('failed')
        button.textContent = 'Could not copy: select the Khmer and copy it'
      }
    ).finally(() => setTimeout(() => {
      button.classList.remove('copied')
      button.textContent = label
    }, 2000))
  }
  document.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('.tm-copy[data-copy]') : null
    if (button) copy(button)
  })
  document.addEventListener('keydown', (event) => {
    const button = event.target instanceof Element ? event.target.closest('.tm-copy[data-copy]') : null
    if (button && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault()
      copy(button)
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
