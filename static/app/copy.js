// "Copy" buttons (the new API token's page): copy the text of the element named by
// data-copy-target and say so in the status element named by data-copy-status. The buttons are
// hidden in the HTML and shown only where the browser can copy; the text can always be selected.
const buttons = document.querySelectorAll('button[data-copy-target]')

if (navigator.clipboard) {
  for (const button of buttons) {
    const source = document.getElementById(button.dataset.copyTarget)
    const status = document.getElementById(button.dataset.copyStatus)
    button.hidden = false
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(source.textContent.trim())
        status.textContent = button.dataset.copyDone || 'Token copied.'
      } catch {
        status.textContent = 'Your browser did not copy it: select the token and copy it yourself.'
      }
    })
  }
}
