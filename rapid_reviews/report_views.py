"""The rapid review report's pages: the report (its sections, sign-off, versions, action items),
the edit form (whole or one section), a version with what it changed, submission and the
review's outcome. The report names the children: each read goes to the case's access log.
Practitioners (agency staff) do not read reports (permissions.REPORT_READERS): 403."""

from django import forms
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cases.audit import access_record
from cases.models import AccessKind, ActionItem, Meeting, MeetingStatus
from cases.signoff import chain_steps
from cases.views.helpers import failed, posted, run_service
from cases.views.signoff import panel_context
from rapid_reviews import permissions, selectors
from rapid_reviews import report_sections as rs
from rapid_reviews.choices import ReportStatus, ReviewStatus
from rapid_reviews.models import RapidReviewOutcome, RapidReviewReport
from rapid_reviews.report_forms import (
    ConcludeForm,
    DecisionMeetingForm,
    ReportForm,
    SubmitForm,
    section_data,
)
from rapid_reviews.report_pdf import _sections
from rapid_reviews.services import report as svc
from rapid_reviews.services.decision import report_decision_record

_CONFLICT = object()


def _log_read(request, review, what: str) -> None:
    access_record(
        user=request.user,
        case=review.case,
        kind=AccessKind.VIEW_PERSONAL_DETAILS,
        object_repr=f"{what}, rapid review {review.pk}",
    )


def _reader(request, pk):
    review = selectors.review_for_user(membership=request.membership, pk=pk)
    if not permissions.can_read_report(request.membership, review):
        raise PermissionDenied
    return review


def _report(review) -> RapidReviewReport:
    report = svc.report_of(review)
    if report is None:
        raise Http404("The report has not been drafted")
    return report


def action_items_of(report) -> list[ActionItem]:
    return list(
        ActionItem.objects.filter(
            source_type=ContentType.objects.get_for_model(RapidReviewReport), source_id=report.pk
        ).select_related("owner_agency")
    )


def _page(request, review, report, *, form=None, status=200):
    membership = request.membership
    context = {
        "review": review,
        "case": review.case,
        "report": report,
        "form": form,
        "can_edit": permissions.can_edit_report(membership, review),
        "can_manage": permissions.can_manage_review(membership, review.case),
        "can_conclude": permissions.can_conclude_review(membership, review)
        and review.status == ReviewStatus.SUBMITTED,
        "outcome": RapidReviewOutcome.objects.filter(rapid_review=review).first(),
    }
    if report is not None:
        _log_read(request, review, f"Rapid review report version {report.version}")
        sign_off = svc.current_signoff(report)
        status_now = svc.effective_status(report, sign_off)
        context |= {
            "sections": _sections(report),
            "status": status_now,
            "status_label": ReportStatus(status_now).label,
            "editable": svc.is_editable(report, sign_off),
            "signoff_panel": panel_context(membership, sign_off) if sign_off else None,
            "has_chain": bool(chain_steps(review.case.partnership, svc.DOCUMENT_TYPE)),
            "versions": list(report.versions.select_related("saved_by").order_by("-number")),
            "action_items": action_items_of(report),
            "missing": svc.report_errors(report.content) if status_now == "draft" else {},
        }
    return render(request, "rapid_reviews/report.html", context, status=status)


def report_detail(request, partnership_slug, pk):
    review = _reader(request, pk)
    return _page(request, review, svc.report_of(review))


def report_version(request, partnership_slug, pk, number):
    review = _reader(request, pk)
    report = _report(review)
    version = report.versions.select_related("saved_by").filter(number=number).first()
    if version is None:
        raise Http404("No such version of the report")
    previous = report.versions.filter(number=number - 1).first()
    before = previous.content if previous else rs.empty_content()
    changes = []
    for section in rs.SECTIONS:
        old = before.get(section.key, rs.empty_value(section))
        new = version.content.get(section.key, rs.empty_value(section))
        if old != new:
            changes.append(
                {
                    "label": section.label,
                    "before": rs.as_text(section.key, old),
                    "after": rs.as_text(section.key, new),
                }
            )
    _log_read(request, review, f"Rapid review report version {number}")
    return render(
        request,
        "rapid_reviews/report_version.html",
        {
            "review": review,
            "case": review.case,
            "report": report,
            "version": version,
            "previous": previous,
            "changes": changes,
        },
    )


def _editor(request, pk):
    review = selectors.review_for_user(membership=request.membership, pk=pk)
    if not permissions.can_edit_report(request.membership, review):
        raise PermissionDenied
    return review


def _button(request, review, report, fn, done: str, /, **kwargs):
    form = forms.Form(request.POST)
    form.is_valid()
    result = run_service(form, fn, actor=request.user, membership=request.membership, **kwargs)
    if failed(result):
        return _page(request, review, report, form=form, status=400)
    messages.success(request, done)
    return redirect("rapid_reviews:report", review.case.partnership.slug, review.pk)


@require_POST
def report_create(request, partnership_slug, pk):
    review = _editor(request, pk)
    return _button(
        request, review, None, svc.report_create, "Rapid review report drafted.", review=review
    )


@require_POST
def report_send(request, partnership_slug, pk):
    review = selectors.review_for_user(membership=request.membership, pk=pk)
    if not (
        permissions.can_edit_report(request.membership, review)
        or permissions.can_manage_review(request.membership, review.case)
    ):
        raise PermissionDenied
    report = _report(review)
    return _button(
        request,
        review,
        report,
        svc.report_send_for_sign_off,
        "The report was sent for sign-off.",
        report=report,
    )


def _conflict_form(request, report, sections, conflict):
    """The form again, from the version now saved: the other person's text in each
    conflicting section (this person's shown under the error), everything else as posted."""
    data = request.POST.copy()
    data["base_version"] = str(conflict.current_version)
    rows = {}
    for item in conflict.conflicts:
        section = rs.BY_KEY[item["key"]]
        value = report.content.get(section.key, rs.empty_value(section))
        if section.kind == rs.ROWS:
            for name in [n for n in data if n.startswith(f"{section.key}_")]:
                del data[name]
            rows[section.key] = len(value)
        elif section.kind == rs.CRITERIA:
            for name in [n for n in data if n.startswith("criteria_")]:
                del data[name]
        for name, field_value in section_data(section, value).items():
            data[name] = field_value
    form = ReportForm(data, report=report, sections=sections, rows=rows)
    form.is_valid()
    for item in conflict.conflicts:
        form.add_error(form.first_field(item["key"]), item["message"])
    return form


def report_edit(request, partnership_slug, pk):
    review = _editor(request, pk)
    report = _report(review)
    if not svc.is_editable(report):
        messages.info(request, f"The report is {report.get_status_display().lower()}.")
        return redirect("rapid_reviews:report", partnership_slug, review.pk)
    wanted = request.GET.get("section", "")
    if wanted and wanted not in rs.BY_KEY:
        raise Http404("No such section")
    sections = [wanted] if wanted else None
    form = ReportForm(posted(request), report=report, sections=sections)
    conflicts = []
    if request.method == "POST" and form.is_valid():
        outcome = {}

        def save(**kwargs):
            try:
                return svc.report_save(**kwargs)
            except svc.ReportConflict as conflict:
                outcome["conflict"] = conflict
                return _CONFLICT

        result = run_service(
            form,
            save,
            actor=request.user,
            membership=request.membership,
            report=report,
            base_version=form.cleaned_data["base_version"],
            sections=form.values(),
            comment=form.cleaned_data["comment"],
        )
        if result is _CONFLICT:
            report.refresh_from_db()
            conflicts = outcome["conflict"].conflicts
            form = _conflict_form(request, report, sections, outcome["conflict"])
        elif not failed(result):
            messages.success(request, f"Report saved as version {result.version}.")
            return redirect("rapid_reviews:report", partnership_slug, review.pk)
    _log_read(request, review, f"Rapid review report version {report.version} (edit)")
    return render(
        request,
        "rapid_reviews/report_edit.html",
        {
            "review": review,
            "case": review.case,
            "report": report,
            "form": form,
            "conflicts": conflicts,
            "single": rs.BY_KEY[wanted] if wanted else None,
        },
        status=409 if conflicts else (400 if form.errors else 200),
    )


def report_submit(request, partnership_slug, pk):
    review = selectors.review_for_user(membership=request.membership, pk=pk)
    if not permissions.can_manage_review(request.membership, review.case):
        raise PermissionDenied
    report = _report(review)
    form = SubmitForm(posted(request))
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            svc.report_submit,
            actor=request.user,
            membership=request.membership,
            report=report,
            sent_on=form.cleaned_data["sent_on"],
        )
        if not failed(result):
            messages.success(request, "The rapid review was submitted to the National Panel.")
            return redirect("rapid_reviews:report", partnership_slug, review.pk)
    return render(
        request,
        "rapid_reviews/report_submit.html",
        {
            "review": review,
            "case": review.case,
            "report": report,
            "form": form,
            "status": svc.effective_status(report),
        },
        status=400 if form.errors else 200,
    )


def review_conclude(request, partnership_slug, pk):
    review = selectors.review_for_user(membership=request.membership, pk=pk)
    if not permissions.can_conclude_review(request.membership, review):
        raise PermissionDenied
    form = ConcludeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            svc.rapid_review_conclude,
            actor=request.user,
            membership=request.membership,
            review=review,
            **form.cleaned_data,
        )
        if not failed(result):
            messages.success(request, "The outcome of the rapid review was recorded.")
            return redirect("rapid_reviews:detail", partnership_slug, review.pk)
    return render(
        request,
        "rapid_reviews/conclude.html",
        {"review": review, "case": review.case, "form": form},
        status=400 if form.errors else 200,
    )


def case_meetings(case):
    """The meetings that could have agreed the decision: the case's, not cancelled."""
    return list(
        Meeting.objects.filter(case=case)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("starts_at", "pk")
    )


def report_decision(request, partnership_slug, pk):
    """Record which (quorate) meeting agreed the decision written in the report."""
    review = selectors.review_for_user(membership=request.membership, pk=pk)
    if not permissions.can_manage_review(request.membership, review.case):
        raise PermissionDenied
    report = _report(review)
    form = DecisionMeetingForm(posted(request), meetings=case_meetings(review.case))
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            report_decision_record,
            actor=request.user,
            membership=request.membership,
            report=report,
            meeting=form.cleaned_data["meeting"],
        )
        if not failed(result):
            messages.success(request, "The meeting's decision was recorded.")
            return redirect("rapid_reviews:report", partnership_slug, review.pk)
    return render(
        request,
        "rapid_reviews/report_decision.html",
        {"review": review, "case": review.case, "report": report, "form": form},
        status=400 if form.errors else 200,
    )
