"""config/gunicorn.py: the access log never records the secrets some paths carry."""

import importlib.util
from pathlib import Path

import pytest
from django.urls import reverse

spec = importlib.util.spec_from_file_location(
    "gunicorn_config", Path(__file__).resolve().parent.parent / "config" / "gunicorn.py"
)
config = importlib.util.module_from_spec(spec)
spec.loader.exec_module(config)


@pytest.mark.parametrize(
    "path",
    [
        reverse("calendar_feed", args=["s3cret-token"]),
        reverse("invitation_accept", args=["s3cret-token"]),
        "/accounts/password/reset/key/1a-s3cret-token/",
    ],
)
def test_secrets_in_paths_are_cut_from_the_access_log(path):
    redacted = config.SECRET_IN_PATH.sub(r"\1…", path)
    assert "s3cret" not in redacted and redacted.endswith(("…", "…/"))


def test_the_access_log_has_no_query_string_and_the_workers_are_prepared_once():
    assert "%(U)s" in config.access_log_format and "%(r)s" not in config.access_log_format
    assert config.logger_class is config.RedactingLogger
    assert config.preload_app is True and config.workers >= 3
