"""Read a pip-audit JSON report; print each vulnerability and a last line for .ci/audit:
OK (every package audited, none vulnerable), FAIL (some vulnerable) or NODATA (some
packages could not be audited, so the service gave no verdict).

    python .ci/audit_verdict.py REPORT.json SERVICE
"""

import json
import sys


def verdict(dependencies, service):
    """Lines to print: each vulnerability, then OK, FAIL or NODATA."""
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if "skip_reason" in d]
    lines = [
        f"VULNERABLE {d['name']} {d['version']}: {v['id']} "
        f"(fixed in {', '.join(v.get('fix_versions', [])) or 'no release yet'})"
        for d in vulnerable
        for v in d["vulns"]
    ]
    if vulnerable:
        lines.append(f"FAIL {len(vulnerable)} vulnerable package(s) of {len(dependencies)}")
    elif skipped:
        lines.append(
            f"NODATA {len(skipped)} of {len(dependencies)} packages not audited, "
            f"e.g. {skipped[0]['skip_reason']}"
        )
    else:
        lines.append(f"OK no known vulnerabilities in {len(dependencies)} packages ({service})")
    return lines


if __name__ == "__main__":
    with open(sys.argv[1]) as report:
        print("\n".join(verdict(json.load(report)["dependencies"], sys.argv[2])))
