"""Where stage apps (referrals, rapid reviews, LCSPRs, notifications) add to the core's pages
without the core importing them: each registers providers in its AppConfig.ready().

- work section provider: (membership, partnership_slug) -> list of My work sections
  (dicts with title, items, empty_text; see templates/pages/my_work.html);
- case panel provider: (membership, case, partnership_slug) -> a panel dict with `title` and
  `items` (label, url, tag, tag_colour), or None when it has nothing to show on that case.
"""

from collections.abc import Callable

WorkSectionProvider = Callable[..., list[dict]]
CasePanelProvider = Callable[..., dict | None]

_work_sections: list[WorkSectionProvider] = []
_case_panels: list[CasePanelProvider] = []


def register_work_sections(provider: WorkSectionProvider) -> None:
    if provider not in _work_sections:
        _work_sections.append(provider)


def register_case_panel(provider: CasePanelProvider) -> None:
    if provider not in _case_panels:
        _case_panels.append(provider)


def work_sections(membership, partnership_slug: str) -> list[dict]:
    return [s for p in _work_sections for s in p(membership, partnership_slug)]


def case_panels(membership, case, partnership_slug: str) -> list[dict]:
    return [panel for p in _case_panels if (panel := p(membership, case, partnership_slug))]
