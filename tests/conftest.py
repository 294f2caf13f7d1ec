import pytest
from django.core.cache import cache

from articles.loading import load_archive


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the seed archive, loaded once; each test that uses the
    database runs in a transaction that is rolled back, so it always sees the seed."""
    with django_db_blocker.unblock():
        load_archive()


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return client


SUMMARY_LINES = pytest.StashKey[list]()


@pytest.fixture(scope="session")
def summary_lines(pytestconfig):
    """Lines a test wants shown at the end of the run (e.g. how many cases it generated)."""
    return pytestconfig.stash.setdefault(SUMMARY_LINES, [])


def pytest_terminal_summary(terminalreporter, config):
    for line in config.stash.get(SUMMARY_LINES, []):
        terminalreporter.write_line(line)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with nothing cached: pages and aggregates are computed afresh."""
    cache.clear()
    yield
    cache.clear()
