import os
from pathlib import Path

from celery import Celery
from celery.signals import beat_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("prm")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Every periodic task, in this one place. Each is safe to run twice at once (unique outbox keys,
# claims by conditional update), and expires rather than piling up behind a stopped worker.
SWEEP_SECONDS = 300.0
app.conf.beat_schedule = {
    "reminders-sweep": {
        "task": "cases.tasks.reminders_sweep",
        "schedule": SWEEP_SECONDS,
        "options": {"expires": SWEEP_SECONDS - 30},
    },
}


@beat_init.connect
def _sweep_when_beat_starts(sender, **kwargs):
    # An interval entry first runs one interval after beat starts; sweep at once instead, so a
    # restart after downtime catches up straight away (the sweep is idempotent).
    sender.app.send_task("cases.tasks.reminders_sweep", expires=SWEEP_SECONDS - 30)


@app.on_after_configure.connect
def _make_filesystem_broker_folders(sender, source, **kwargs):
    # After configuration, with the loaded settings as `source`: reading sender.conf inside
    # on_configure would configure the app again, recursively.
    options = source.broker_transport_options or {}
    if str(source.broker_url).startswith("filesystem"):
        for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
            if options.get(key):
                Path(options[key]).mkdir(parents=True, exist_ok=True)
