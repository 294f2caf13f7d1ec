"""What went wrong in the browser while a test used a page: console errors, uncaught
exceptions, failed requests and error responses, each with the page it happened on."""

NAVIGATED_AWAY = "net::ERR_ABORTED"
ERROR_RESPONSE_LOGGED = "Failed to load resource: the server responded with a status of"


class PageWatcher:
    """Listens to one page for as long as the test runs.

    A Content-Security-Policy violation is reported by Chromium as a console error, so a
    page that breaks the site's own policy fails here too.
    """

    def __init__(self, page):
        self.page = page
        self.problems = []
        self.allowed_statuses = {}
        page.on("console", self._on_console)
        page.on("pageerror", self._on_page_error)
        page.on("requestfailed", self._on_request_failed)
        page.on("response", self._on_response)

    def allow_status(self, url, status):
        """A response the test expects to be an error, e.g. the 404 page itself."""
        self.allowed_statuses[url] = status

    def _record(self, what):
        self.problems.append(f"{what} (on {self.page.url})")

    def _on_console(self, message):
        # Chromium also logs each error response to the console; _on_response has it.
        if message.type == "error" and not message.text.startswith(ERROR_RESPONSE_LOGGED):
            self._record(f"console error: {message.text}")

    def _on_page_error(self, error):
        self._record(f"uncaught exception: {error}")

    def _on_request_failed(self, request):
        # A request cut short because the test moved on to the next page is no fault.
        if request.failure == NAVIGATED_AWAY:
            return
        self._record(f"request failed: {request.method} {request.url}: {request.failure}")

    def _on_response(self, response):
        if response.status >= 400 and self.allowed_statuses.get(response.url) != response.status:
            self._record(f"HTTP {response.status}: {response.request.method} {response.url}")

    def assert_clean(self):
        assert not self.problems, "The browser reported problems:\n" + "\n".join(self.problems)
