// Starts govuk-frontend's JavaScript on every page (loaded by templates/base.html).
// An external ES module, so the strict Content-Security-Policy needs no inline script or nonce.
// Browsers that cannot run ES modules never run this file and get the no-JavaScript pages.
import { initAll } from '../govuk/govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
