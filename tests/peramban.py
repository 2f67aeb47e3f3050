"""Helpers of the browser tests (Playwright)."""


def isi(page, isian: dict[str, str | bool]) -> None:
    """Fill a form as a user would, field by field in order (CSS selector →
    value): a list is chosen from, a checkbox ticked (True), a box typed in."""
    for pemilih, nilai in isian.items():
        if nilai is True:
            page.check(pemilih)
        elif page.eval_on_selector(pemilih, "e => e.tagName") == "SELECT":
            page.select_option(pemilih, nilai)
        else:
            page.fill(pemilih, nilai)
