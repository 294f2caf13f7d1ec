"""axe-core, the accessibility checker, run inside a page.

axe comes from the npm registry (`package.json` beside this file, installed by `npm ci`);
it is test tooling only and is never served by the site. It is evaluated through the
DevTools protocol rather than added as a <script> tag, because the site's
Content-Security-Policy rightly refuses inline scripts.
"""

from functools import cache
from pathlib import Path

AXE_PATH = Path(__file__).with_name("node_modules") / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = {"serious", "critical"}


@cache
def axe_source():
    if not AXE_PATH.exists():
        raise FileNotFoundError(
            f"{AXE_PATH} is missing: run `npm ci` in tests/browser (make test does)."
        )
    return AXE_PATH.read_text(encoding="utf-8")


def axe_violations(page, impacts=BLOCKING_IMPACTS):
    """The page's violations of WCAG 2.x A/AA and axe's best practices, as readable lines."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    violations = page.evaluate(
        """() => axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',
                                           'wcag22aa', 'best-practice']},
            resultTypes: ['violations'],
        }).then(results => results.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
        })))"""
    )
    return [
        f"{v['impact']}: {v['id']} ({v['help']}) at {', '.join(v['targets'])}"
        for v in violations
        if v["impact"] in impacts
    ]
