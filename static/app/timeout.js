// The GOV.UK timeout warning (WCAG 2.2.1), loaded on signed-in pages by
// templates/includes/timeout_warning.html. Server side: cases/session_timeout.py and
// cases/views/session.py.
//
// - warn_seconds before the session ends, a modal dialog says so, read out by screen readers,
//   with "Stay signed in" (the server renews the session and says how long is left: the dialog
//   closes only if that really happened) and "Sign out".
// - Before warning, the server is asked how long is left: another tab may have kept the session
//   alive. Asking does not count as activity.
// - When the time is up, what was typed into the page's form is sent to the server, which signs
//   out and keeps it for this user; after signing in again it is put back (below). Nothing is
//   kept in the browser.
// Deadlines are wall-clock times, so a computer that slept catches up when it wakes.

const dialog = document.getElementById('app-timeout')
const MARGIN_SECONDS = 5 // sign out a little early, so the answers reach a live session

function restoreKeptAnswers () {
  const data = document.getElementById('app-kept-form')
  if (!data) return
  const fields = JSON.parse(data.textContent)
  const form = document.querySelector('main form[method="post" i]')
  if (!form) return
  let restored = false
  for (const [name, values] of Object.entries(fields)) {
    const inputs = form.querySelectorAll(`[name="${CSS.escape(name)}"]`)
    for (const input of inputs) {
      if (input.type === 'radio' || input.type === 'checkbox') {
        input.checked = values.includes(input.value)
        restored = true
      } else if (input.tagName === 'SELECT' && input.multiple) {
        for (const option of input.options) option.selected = values.includes(option.value)
        restored = true
      } else if (input.type !== 'file' && input.type !== 'password' && input.type !== 'hidden') {
        input.value = values[0] ?? ''
        restored = true
      }
    }
  }
  const banner = document.getElementById('app-kept-banner')
  if (restored && banner) {
    banner.hidden = false
    banner.focus()
  }
}

function formAnswers () {
  const form = document.querySelector('main form[method="post" i]')
  const body = new URLSearchParams()
  if (form) {
    for (const [name, value] of new FormData(form)) {
      if (typeof value === 'string') body.append(name, value)
    }
  }
  body.set('path', window.location.pathname)
  return body
}

function minutesText (seconds) {
  if (seconds >= 60) {
    const minutes = Math.ceil(seconds / 60)
    return `${minutes} minute${minutes === 1 ? '' : 's'}`
  }
  const rounded = Math.max(0, Math.ceil(seconds))
  return `${rounded} second${rounded === 1 ? '' : 's'}`
}

function start () {
  const warnSeconds = Number(dialog.dataset.warnSeconds)
  const csrf = dialog.dataset.csrfToken
  const countdown = dialog.querySelector('.app-timeout__countdown')
  const live = document.getElementById('app-timeout-live')
  const error = document.getElementById('app-timeout-error')
  let endsAt = Date.now() + Number(dialog.dataset.secondsLeft) * 1000
  let lastSpoken = ''
  let ending = false

  const post = (url, body) => fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'X-CSRFToken': csrf, Accept: 'application/json' },
    body
  })

  async function secondsLeftOnServer () {
    try {
      const response = await fetch(dialog.dataset.statusUrl, {
        credentials: 'same-origin', headers: { Accept: 'application/json' }
      })
      if (!response.ok) return 0
      return (await response.json()).seconds_left
    } catch {
      return null // offline: keep counting from what we knew
    }
  }

  async function signOut () {
    if (ending) return
    ending = true
    let target = '/accounts/login/'
    try {
      const response = await post(dialog.dataset.endUrl, formAnswers())
      const answer = await response.json()
      target = answer.login_url
    } catch {}
    const next = encodeURIComponent(window.location.pathname + window.location.search)
    window.location.assign(`${target}?next=${next}`)
  }

  function show () {
    if (!dialog.open) {
      error.hidden = true
      dialog.showModal()
      dialog.querySelector('[data-timeout-action="stay"]').focus()
    }
  }

  function speak (seconds) {
    // Screen readers hear the time when the dialog opens, then each minute, then at 20 seconds.
    const text = minutesText(seconds)
    const due = seconds > 60 ? text : (seconds <= 20 ? minutesText(20) : minutesText(60))
    if (due !== lastSpoken) {
      lastSpoken = due
      live.textContent = `For your security, we will sign you out in ${due}.`
    }
  }

  let checking = false
  async function tick () {
    const left = (endsAt - Date.now()) / 1000
    if (left <= MARGIN_SECONDS) {
      signOut()
      return
    }
    if (left <= warnSeconds) {
      if (!dialog.open) {
        if (checking) return
        checking = true
        const server = await secondsLeftOnServer()
        checking = false
        if (server !== null) endsAt = Date.now() + server * 1000
        if (server !== null && server > warnSeconds) return // another tab kept us signed in
      }
      show()
      const remaining = (endsAt - Date.now()) / 1000
      countdown.textContent = minutesText(remaining)
      speak(remaining)
    }
  }

  async function stay () {
    try {
      const response = await post(dialog.dataset.extendUrl, new URLSearchParams())
      const answer = response.ok ? await response.json() : null
      if (answer && answer.signed_in && answer.seconds_left > warnSeconds) {
        endsAt = Date.now() + answer.seconds_left * 1000
        lastSpoken = ''
        live.textContent = ''
        dialog.close()
        return
      }
    } catch {}
    error.hidden = false // the session could not be renewed (or has reached its last hours)
  }

  dialog.querySelector('[data-timeout-action="stay"]').addEventListener('click', stay)
  dialog.querySelector('[data-timeout-action="sign-out"]').addEventListener('click', () => {
    const form = document.querySelector('form.app-header__sign-out')
    if (form) form.submit()
    else signOut()
  })
  dialog.addEventListener('cancel', (event) => { // Escape means "stay signed in"
    event.preventDefault()
    stay()
  })
  setInterval(tick, 1000)
}

restoreKeptAnswers()
if (dialog && typeof dialog.showModal === 'function') start()
