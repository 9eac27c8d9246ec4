"""Writes: one function per transition (docs/notifications.md). Drafting and sign-off in
drafts.py, submission and the Panel's acknowledgement in submission.py, an agency's request
that the local authority notify in requests.py."""
