"""`.ci/audit` fails on a known vulnerability and never mistakes "no data" for "no
vulnerabilities" (its reading of pip-audit's report, .ci/audit_verdict.py)."""

import json
import subprocess
import sys

import pytest
from django.conf import settings


def verdict(tmp_path, dependencies):
    report = tmp_path / "report.json"
    report.write_text(json.dumps({"dependencies": dependencies, "fixes": []}))
    result = subprocess.run(
        [sys.executable, ".ci/audit_verdict.py", str(report), "pypi"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.splitlines()


AUDITED = {"name": "django", "version": "5.2.19", "vulns": []}
SKIPPED = {"name": "gunicorn", "skip_reason": "Dependency not found on PyPI: gunicorn (27.0.1)"}
VULNERABLE = {
    "name": "sqlparse",
    "version": "0.4.3",
    "vulns": [{"id": "GHSA-2m57-hf25-phgg", "fix_versions": ["0.4.4"], "aliases": []}],
}


@pytest.mark.parametrize(
    ("dependencies", "last_line"),
    [
        ([AUDITED], "OK no known vulnerabilities in 1 packages (pypi)"),
        ([AUDITED, SKIPPED], "NODATA 1 of 2 packages not audited, e.g. Dependency not found"),
        ([AUDITED, SKIPPED, VULNERABLE], "FAIL 1 vulnerable package(s) of 3"),
    ],
)
def test_the_audit_verdict(tmp_path, dependencies, last_line):
    lines = verdict(tmp_path, dependencies)
    assert lines[-1].startswith(last_line)
    if VULNERABLE in dependencies:
        assert lines[0] == "VULNERABLE sqlparse 0.4.3: GHSA-2m57-hf25-phgg (fixed in 0.4.4)"
