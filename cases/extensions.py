"""Where stage apps (referrals, rapid reviews, LCSPRs, notifications) add to the core's pages
without the core importing them: each registers providers in its AppConfig.ready().

- work section provider: (membership, partnership_slug) -> list of My work sections
  (dicts with title, items, empty_text; see templates/pages/my_work.html);
- case panel provider: (membership, case, partnership_slug) -> a panel dict with `title` and
  `items` (label, url, tag, tag_colour), or None when it has nothing to show on that case;
- demo loader: (index, code, partnership, members) -> None, called by `manage.py load_demo`
  after the core's demo cases of a partnership exist (members: role -> Membership);
- search provider: (membership, query) -> list of cases.search.Result, the records of the stage
  app that match a search (cases.search.find), each from the member's own visible records;
- notice-sent listener: (actor, notice) -> None, called inside the transaction that records a
  statutory notice as sent (cases.services.notices.notice_record_sent), e.g. the rapid review's
  submission opens the wait for the National Panel's reply.
- awareness listener: (actor, membership, case) -> None, called by cases.services.cases.
  case_update in its transaction after the case's awareness date changed, so a stage app's
  record that shares the date follows it (a listener changes only what differs: no loops).
- case event provider: (case) -> {event: date or None}, the dates of the day-zero events
  (cases.workflow.vocabulary.DAY_ZERO_EVENTS) that the stage app records for a case, e.g. the
  referral's receipt or the notification; the core knows only the awareness date itself
  (cases.clock.case_event_dates).
- stage-started listener: (actor, case, stage, day_zero) -> None, called by cases.services.
  deadlines.stage_start inside its transaction after the stage's deadlines are saved, e.g. the
  rapid review opens its record whenever its stage starts.
- signed-off listener: (actor, sign_off) -> None, called by cases.services.signoff.
  signoff_approve inside its transaction when the last step signs a document off, e.g. the
  action plan's sign-off starts the case's action plan stage (cases.services.actions).
"""

from collections.abc import Callable

WorkSectionProvider = Callable[..., list[dict]]
CasePanelProvider = Callable[..., dict | None]
DemoLoader = Callable[..., None]
SearchProvider = Callable[..., list]
NoticeSentListener = Callable[..., None]
AwarenessListener = Callable[..., None]
CaseEventProvider = Callable[..., dict]
StageStartedListener = Callable[..., None]
StageRecomputedListener = Callable[..., None]
SignedOffListener = Callable[..., None]

_work_sections: list[WorkSectionProvider] = []
_case_panels: list[CasePanelProvider] = []
_demo_loaders: list[DemoLoader] = []
_search_providers: list[SearchProvider] = []
_notice_sent_listeners: list[NoticeSentListener] = []
_awareness_listeners: list[AwarenessListener] = []
_case_event_providers: list[CaseEventProvider] = []
_stage_started_listeners: list[StageStartedListener] = []
_stage_recomputed_listeners: list[StageRecomputedListener] = []
_signed_off_listeners: list[SignedOffListener] = []


def register_work_sections(provider: WorkSectionProvider) -> None:
    if provider not in _work_sections:
        _work_sections.append(provider)


def register_case_panel(provider: CasePanelProvider) -> None:
    if provider not in _case_panels:
        _case_panels.append(provider)


def register_demo_loader(loader: DemoLoader) -> None:
    if loader not in _demo_loaders:
        _demo_loaders.append(loader)


def register_search_provider(provider: SearchProvider) -> None:
    if provider not in _search_providers:
        _search_providers.append(provider)


def register_notice_sent_listener(listener: NoticeSentListener) -> None:
    if listener not in _notice_sent_listeners:
        _notice_sent_listeners.append(listener)


def register_awareness_listener(listener: AwarenessListener) -> None:
    if listener not in _awareness_listeners:
        _awareness_listeners.append(listener)


def register_case_event_provider(provider: CaseEventProvider) -> None:
    if provider not in _case_event_providers:
        _case_event_providers.append(provider)


def register_stage_started_listener(listener: StageStartedListener) -> None:
    if listener not in _stage_started_listeners:
        _stage_started_listeners.append(listener)


def register_signed_off_listener(listener: SignedOffListener) -> None:
    if listener not in _signed_off_listeners:
        _signed_off_listeners.append(listener)


def signed_off(actor, sign_off) -> None:
    for listener in _signed_off_listeners:
        listener(actor, sign_off)


def case_events(case) -> dict:
    events: dict = {}
    for provider in _case_event_providers:
        events.update(provider(case))
    return events


def stage_started(actor, case, stage: str, day_zero) -> None:
    for listener in _stage_started_listeners:
        listener(actor, case, stage, day_zero)


def register_stage_recomputed_listener(listener: StageRecomputedListener) -> None:
    """Told when a running stage moves to another day zero (cases.services.deadlines
    .stage_recompute, e.g. "Correct day zero" on the case page), so the record that owns the
    stage's day zero (a rapid review's, an LCSPR's target publication date) follows it, or
    refuses with a ValidationError."""
    if listener not in _stage_recomputed_listeners:
        _stage_recomputed_listeners.append(listener)


def stage_recomputed(actor, case, stage: str, day_zero, reason: str) -> None:
    for listener in _stage_recomputed_listeners:
        listener(actor, case, stage, day_zero, reason)


def awareness_changed(actor, membership, case) -> None:
    for listener in _awareness_listeners:
        listener(actor, membership, case)


def work_sections(membership, partnership_slug: str) -> list[dict]:
    return [s for p in _work_sections for s in p(membership, partnership_slug)]


def case_panels(membership, case, partnership_slug: str) -> list[dict]:
    return [panel for p in _case_panels if (panel := p(membership, case, partnership_slug))]


def load_demo_records(index: int, code: str, partnership, members) -> None:
    for loader in _demo_loaders:
        loader(index, code, partnership, members)


def search_results(membership, query) -> list:
    return [result for p in _search_providers for result in p(membership, query)]


def notice_sent(actor, notice) -> None:
    for listener in _notice_sent_listeners:
        listener(actor, notice)
