"""PDFs off the request path, shared by every stage that prints a record.

A stage registers a DocumentKind (kinds.py): how to load its record, the template and the
context. The download view asks services.document_request for the record's current version:
the first request of a version adds a row and queues the Celery task (cases.tasks.render_document),
which claims the row and renders it once; later requests find the row, ready or on its way.
views.py holds the page and API responses: the file when ready (the download logged), otherwise
"Your PDF is being prepared" (202 with Retry-After in the API).
"""
