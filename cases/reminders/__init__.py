"""Reminders for open deadlines: which step is current today (policy), who gets it
(recipients), and the sweep that hands each one to the outbox (cases.services.reminders).
See docs/reminders.md."""
