/*
 * The search page's script (site/assets/search.js). Without it the page
 * says that searching needs JavaScript and links to the list of all
 * releases, and the index pages' search box simply opens this page.
 *
 * A query goes through `searchText`, the function the index was built
 * with (Khmer cut into words, one spelling of each word), then to
 * Pagefind's search script in site/pagefind/. The page's `lang` picks the
 * language searched. Results are links to the releases with their date,
 * reference and first lines, ten at a time.
 */
import {searchText} from './js/search/terms.js'

const pageSize = 10
const root = new URL('../', import.meta.url)
const form = document.querySelector('form.search')
const input = form.querySelector('input[name="q"]')
const status = document.querySelector('.search-status')
const list = document.querySelector('.search-results')
const moreRow = document.querySelector('.search-more-row')
const more = document.querySelector('.search-more')
const labels = status.dataset
const khmerDigits = labels.digits === 'khmer'

document.querySelector('.search-needs-script').hidden = true

let pagefind = null
function loadPagefind() {
  pagefind ??= import(new URL('pagefind/pagefind.js', root).href).then(async (module) => {
    await module.options({basePath: new URL('pagefind/', root).pathname, baseUrl: root.pathname})
    return module
  })
  return pagefind
}

function digits(text) {
  return khmerDigits ? text.replace(/[0-9]/g, (digit) => String.fromCharCode(0x17e0 + Number(digit))) : text
}

function say(template, query = '', count = 0) {
  status.hidden = false
  status.textContent = template.replace('{query}', query).replace('{count}', digits(String(count)))
}

function element(name, className, text) {
  const node = document.createElement(name)
  if (className) node.className = className
  if (text) node.textContent = text
  return node
}

function resultItem(data) {
  const item = element('li')
  const link = element('a', 'result-title', data.meta.title)
  link.href = data.url
  item.append(element('span', 'result-date', data.meta.date), link)
  if (data.meta.ref) item.append(element('span', 'ref', `${labels.reference} ${data.meta.ref}`))
  if (data.meta.excerpt) item.append(element('p', 'result-excerpt', data.meta.excerpt))
  return item
}

let searchId = 0
let results = []
let shown = 0

async function showMore(focusFirst) {
  const next = results.slice(shown, shown + pageSize)
  const id = searchId
  const items = (await Promise.all(next.map((result) => result.data()))).map(resultItem)
  if (id !== searchId) return
  list.append(...items)
  shown += next.length
  list.hidden = shown === 0
  moreRow.hidden = shown >= results.length
  if (focusFirst && items[0]) items[0].querySelector('a').focus()
}

async function run(typed) {
  const id = ++searchId
  const query = typed.trim()
  const url = new URL(location.href)
  if (query) url.searchParams.set('q', query)
  else url.searchParams.delete('q')
  history.replaceState(null, '', url)
  results = []
  shown = 0
  list.replaceChildren()
  list.hidden = true
  moreRow.hidden = true
  if (!query) {
    status.hidden = true
    return
  }
  say(labels.searching, query)
  try {
    const found = await (await loadPagefind()).search(searchText(query))
    if (id !== searchId || !found) return
    results = found.results
    say(results.length === 0 ? labels.none : labels.found, query, results.length)
    await showMore(false)
  } catch (error) {
    if (id !== searchId) return
    say(labels.failed)
    console.error(error)
  }
}

let typing = null
input.addEventListener('input', () => {
  clearTimeout(typing)
  typing = setTimeout(() => run(input.value), 300)
})
form.addEventListener('submit', (event) => {
  event.preventDefault()
  clearTimeout(typing)
  run(input.value)
})
more.addEventListener('click', () => showMore(true))

const initial = new URLSearchParams(location.search).get('q')
if (initial) {
  input.value = initial
  run(initial)
}
