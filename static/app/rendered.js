// "Your PDF is being prepared": ask the server every few seconds, without reloading the page
// under the reader, and open the page again only once the PDF is ready or has failed. Without
// JavaScript the <noscript> refresh in the page's head does the same job.
const waiting = document.querySelector('[data-render-poll]')

if (waiting) {
  const url = waiting.dataset.renderPoll
  const every = Number(waiting.dataset.renderSeconds || 2) * 1000
  const poll = async () => {
    try {
      const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      const html = await response.text()
      const status = /data-render-status="([a-z]+)"/.exec(html)
      if (status && status[1] !== 'queued' && status[1] !== 'rendering') {
        window.location.replace(url)
        return
      }
    } catch {
      // A network blip: try again at the next turn.
    }
    window.setTimeout(poll, every)
  }
  window.setTimeout(poll, every)
}
