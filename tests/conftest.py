import os
import socket
from urllib.parse import urlparse

import pytest
from django.core.cache import cache
from django.test import TransactionTestCase
from django_scopes import scopes_disabled


def _reachable(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection(
            (parsed.hostname or "127.0.0.1", parsed.port or default_port), timeout=2
        ):
            return True
    except OSError:
        return False


def pytest_configure(config):
    database_url = os.environ.get("DATABASE_URL", "")
    redis_url = os.environ.get("REDIS_URL", "")
    owner_url = os.environ.get("DATABASE_OWNER_URL", "")
    if not database_url.startswith("postgres") or not owner_url or not redis_url:
        pytest.exit(
            "Tests run on PostgreSQL and Redis: use the README's test command "
            "(bash .ci/test), or set DATABASE_URL=postgres://<application role>@..., "
            "DATABASE_OWNER_URL=postgres://<owner role>@... and REDIS_URL=redis://...",
            returncode=2,
        )
    missing = [
        name
        for name, url, port in (("PostgreSQL", database_url, 5432), ("Redis", redis_url, 6379))
        if not _reachable(url, port)
    ]
    if missing:
        pytest.exit(
            f"{' and '.join(missing)} not reachable. Start them, for example with "
            "`docker compose up -d postgres redis`.",
            returncode=2,
        )


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker):
    """pytest-django's, with the owner creating, migrating and dropping the test database; the
    tests themselves run as the application role (tests/database.py)."""
    from django.test.utils import setup_databases, teardown_databases

    from tests.database import allow_test_bypass, as_owner, bypass_off_during_requests

    verbosity = request.config.option.verbose
    with django_db_blocker.unblock():
        with as_owner():
            db_cfg = setup_databases(verbosity=verbosity, interactive=False)
        allow_test_bypass()
        bypass_off_during_requests()
    yield
    with django_db_blocker.unblock(), as_owner():
        teardown_databases(db_cfg, verbosity=verbosity)


def _flush_as_owner(self):
    from tests.database import as_owner

    with as_owner():
        _django_fixture_teardown(self)


# Transactional tests end with a flush (TRUNCATE), which only the owner may do.
_django_fixture_teardown = TransactionTestCase._fixture_teardown
TransactionTestCase._fixture_teardown = _flush_as_owner


@pytest.fixture(autouse=True)
def _clean_slate(settings, tmp_path):
    """Test code may read any partnership's rows directly; requests still enter their scope."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
    }
    cache.clear()
    with scopes_disabled():
        yield


@pytest.fixture
def celery_eager():
    """Celery runs each task in the process as it is queued (rendered PDFs, for one)."""
    from config.celery import app

    saved = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = saved


@pytest.fixture
def world(db):
    from tests.world import build_world

    return build_world()


@pytest.fixture
def client_for(client):
    """client_for(user) -> a test client signed in as that user (two factors already set up)."""
    from django.test import Client

    def make(user):
        c = Client()
        c.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
        return c

    return make


# --- browser tests: Playwright driving Debian's Chromium (helpers in tests/browser.py) ---------


@pytest.fixture(scope="session")
def browser(django_db_setup):
    """One headless Chromium for the whole session; fails (never skips) without Chromium.
    Closed before the test database is dropped (its keep-alive sockets hold live-server request
    threads, which hold database connections)."""
    from tests.browser import launch_browser

    with launch_browser() as chromium:
        yield chromium


@pytest.fixture(scope="module")
def shared_site(browser, django_db_setup, django_db_blocker, tmp_path_factory):
    """A live server and ONE world shared by a module's read-mostly page checks; flushed after.
    site.open(user, session="full") -> page; site.world; site.url. See tests/browser.py. The
    module also overrides `db` (no transaction, database open), as test_accessibility.py does."""
    from tests.browser import shared_site as start

    with start(browser, django_db_blocker, tmp_path_factory.mktemp("shared-site")) as site:
        yield site


@pytest.fixture
def live_world(transactional_db, live_server):
    """tests/world.py's two partnerships, committed so the live server thread sees them."""
    from tests.world import build_world

    return build_world()


@pytest.fixture
def browser_page(browser, live_server):
    """browser_page(user=None, session="full") -> a Playwright page on the live server."""
    from tests.browser import new_page, session_key

    contexts = []

    def make(user=None, session="full"):
        page = new_page(
            browser, live_server.url, session_key(user, session=session) if user else None
        )
        contexts.append(page.context)
        return page

    yield make
    for context in contexts:
        context.close()
