"""Moving through a page with the Tab key alone, as a keyboard user does."""

FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    return {
        tag: el.tagName.toLowerCase(),
        id: el.id,
        text: (el.innerText || el.value || '').trim().slice(0, 80),
        href: el.getAttribute('href'),
        name: el.getAttribute('name'),
        inFacets: !!el.closest('.facets'),
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
        shadow: style.boxShadow !== 'none',
    };
}"""


def focused(page):
    """What has the keyboard focus, and whether it shows a focus indicator."""
    return page.evaluate(FOCUSED)


def tab_to(page, wanted, limit=120):
    """Press Tab until `wanted(focused element)` holds; fail after `limit` presses."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = focused(page)
        if element and wanted(element):
            return element
    raise AssertionError(f"Tab never reached the element wanted (after {limit} presses).")
