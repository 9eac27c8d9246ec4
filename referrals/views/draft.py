"""Writing the referral: the task list, one-topic question pages, the repeating lists and
"check your answers". Every save goes through referrals.services.drafts."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from cases.views.helpers import failed, posted, run_service
from referrals import permissions, selectors
from referrals.access_log import referral_read
from referrals.answers import referral_answers, referral_summary, section_statuses
from referrals.completeness import referral_problems
from referrals.forms.draft import RemoveForm
from referrals.sections import COLLECTIONS, PAGES, SECTIONS, next_page, section_of_page
from referrals.services import drafts
from referrals.views._base import allow, get_referral, task_list_url, wrong_state


def _editable(request, pk):
    referral = get_referral(request, pk)
    allow(permissions.can_edit_referral, request, referral)
    return referral


def _urls(referral):
    slug = referral.partnership.slug

    def page_url(page):
        return reverse("referrals:page", args=[slug, referral.pk, page])

    def item_url(collection, item, step):
        return reverse("referrals:item", args=[slug, referral.pk, collection, item.pk, step])

    return page_url, item_url


def task_list(request, partnership_slug, pk):
    referral = _editable(request, pk)
    if response := wrong_state(request, referral, "save_draft"):
        return response
    problems = referral_problems(referral)
    statuses = section_statuses(referral, problems)
    slug = referral.partnership.slug
    tasks = []
    for section in SECTIONS:
        if section.collection:
            url = reverse("referrals:items", args=[slug, referral.pk, section.collection.slug])
        else:
            url = reverse("referrals:page", args=[slug, referral.pk, section.pages[0].slug])
        # GOV.UK task list: the hint describes the link, like the status.
        hint = "" if section.required else "Optional, but it helps the decision"
        tasks.append(
            {"section": section, "url": url, "status": statuses[section.key], "hint": hint}
        )
    return render(
        request,
        "referrals/task_list.html",
        {
            "referral": referral,
            "tasks": tasks,
            "completed": sum(1 for t in tasks if t["status"] == "completed"),
            "problems": problems,
            "returned_note": _returned_note(referral),
        },
    )


def _returned_note(referral):
    if referral.status != "returned":
        return None
    return (
        selectors.referral_history(referral=referral)
        .filter(action="referral.return")
        .order_by("-created_at")
        .first()
    )


def page(request, partnership_slug, pk, page):
    spec = PAGES.get(page)
    if spec is None:
        raise Http404("No such page")
    referral = _editable(request, pk)
    if response := wrong_state(request, referral, "save_draft"):
        return response
    form_cls = spec.form_for(referral)
    form = form_cls(posted(request), instance=referral, partnership=referral.partnership)
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            drafts.referral_save_draft,
            actor=request.user,
            membership=request.membership,
            referral=referral,
            **form.cleaned_data,
        )
        if not failed(result):
            following = next_page(page)
            if request.POST.get("later") or following is None:
                if request.POST.get("later"):
                    messages.success(request, "Your answers have been saved.")
                return redirect(task_list_url(referral))
            return redirect("referrals:page", partnership_slug, referral.pk, following)
    section = section_of_page(page)
    return render(
        request,
        "referrals/question.html",
        {
            "referral": referral,
            "form": form,
            "page": spec,
            "section": section,
            "single_question": bool(getattr(form_cls, "page_heading_field", None)),
        },
    )


def _collection(slug):
    collection = COLLECTIONS.get(slug)
    if collection is None:
        raise Http404("No such list")
    return collection


def items(request, partnership_slug, pk, collection):
    spec = _collection(collection)
    referral = _editable(request, pk)
    if response := wrong_state(request, referral, "save_draft"):
        return response
    _, item_url = _urls(referral)
    rows = selectors.referral_items(referral=referral, collection=collection)
    referral_read(user=request.user, referral=referral, what=f"list of {spec.slug}")
    return render(
        request,
        "referrals/items.html",
        {
            "referral": referral,
            "collection": spec,
            "items": [
                {
                    "item": item,
                    "change_url": item_url(collection, item, spec.steps[0][0]),
                    "remove_url": reverse(
                        "referrals:item_remove",
                        args=[partnership_slug, referral.pk, collection, item.pk],
                    ),
                }
                for item in rows
            ],
        },
    )


def _item_form_page(request, referral, spec, step, form, item):
    n, heading, _ = spec.step(step)
    return render(
        request,
        "referrals/item_form.html",
        {
            "referral": referral,
            "collection": spec,
            "form": form,
            "heading": heading,
            "item": item,
            "step_number": n + 1,
            "step_count": len(spec.steps),
        },
    )


def _after_item_step(request, referral, spec, step, item):
    following = spec.next_step(step)
    if following and not request.POST.get("later"):
        return redirect(
            "referrals:item", referral.partnership.slug, referral.pk, spec.slug, item.pk, following
        )
    if request.POST.get("later"):
        messages.success(request, "Your answers have been saved.")
        return redirect(task_list_url(referral))
    return redirect("referrals:items", referral.partnership.slug, referral.pk, spec.slug)


def _new_item_initial(referral, collection) -> dict:
    """What the referral already says about a new item (WCAG 3.3.7, not asked twice): a family
    member is offered the child's address, changed by typing over it."""
    if collection != "family":
        return {}
    child = referral.children.filter(archived_at=None).exclude(address="").order_by("pk").first()
    return {"address": child.address} if child else {}


def item_add(request, partnership_slug, pk, collection):
    spec = _collection(collection)
    referral = _editable(request, pk)
    if response := wrong_state(request, referral, "save_draft"):
        return response
    step, _, form_cls = spec.steps[0]
    form = form_cls(
        posted(request),
        partnership=referral.partnership,
        initial=_new_item_initial(referral, collection),
    )
    if request.method == "POST" and form.is_valid():
        item = run_service(
            form,
            drafts.referral_item_add,
            actor=request.user,
            membership=request.membership,
            referral=referral,
            collection=collection,
            **form.cleaned_data,
        )
        if not failed(item):
            return _after_item_step(request, referral, spec, step, item)
    return _item_form_page(request, referral, spec, step, form, None)


def item_step(request, partnership_slug, pk, collection, item_pk, step):
    spec = _collection(collection)
    if spec.step(step) is None:
        raise Http404("No such page")
    referral = _editable(request, pk)
    if response := wrong_state(request, referral, "save_draft"):
        return response
    item = selectors.referral_item(referral=referral, collection=collection, pk=item_pk)
    form_cls = spec.step(step)[2]
    form = form_cls(posted(request), instance=item, partnership=referral.partnership)
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            drafts.referral_item_update,
            actor=request.user,
            membership=request.membership,
            item=item,
            **form.cleaned_data,
        )
        if not failed(result):
            return _after_item_step(request, referral, spec, step, result)
    referral_read(user=request.user, referral=referral, what=f"{spec.slug} item {item.pk}")
    return _item_form_page(request, referral, spec, step, form, item)


def item_remove(request, partnership_slug, pk, collection, item_pk):
    spec = _collection(collection)
    referral = _editable(request, pk)
    if response := wrong_state(request, referral, "save_draft"):
        return response
    item = selectors.referral_item(referral=referral, collection=collection, pk=item_pk)
    form = RemoveForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["confirm"] == "yes":
            drafts.referral_item_remove(
                actor=request.user, membership=request.membership, item=item
            )
            messages.success(request, f"{item} has been removed.")
        return redirect("referrals:items", partnership_slug, referral.pk, collection)
    referral_read(user=request.user, referral=referral, what=f"{spec.slug} item {item.pk}")
    return render(
        request,
        "referrals/item_remove.html",
        {"referral": referral, "collection": spec, "item": item, "form": form},
    )


def check(request, partnership_slug, pk):
    """Check your answers, then send: for authorisation, or (the authoriser's own referral, or
    an external one) straight to the partnership."""
    referral = _editable(request, pk)
    if response := wrong_state(request, referral, "save_draft"):
        return response
    from referrals.views.authorisation import submission_panel

    page_url, item_url = _urls(referral)
    problems = referral_problems(referral)
    referral_read(user=request.user, referral=referral, what="check your answers")
    return render(
        request,
        "referrals/check.html",
        {
            "referral": referral,
            "summary": referral_summary(referral),
            "answers": referral_answers(referral, page_url=page_url, item_url=item_url),
            "problems": [
                {"message": p.message, "url": _problem_url(referral, p)} for p in problems
            ],
            **submission_panel(request, referral),
        },
    )


def _problem_url(referral, problem) -> str:
    slug = referral.partnership.slug
    page, _, item = problem.page.partition("/")
    if page in COLLECTIONS:
        if item:
            return reverse(
                "referrals:item",
                args=[slug, referral.pk, page, int(item), COLLECTIONS[page].steps[0][0]],
            )
        return reverse("referrals:items", args=[slug, referral.pk, page])
    url = reverse("referrals:page", args=[slug, referral.pk, page])
    spec = PAGES.get(page)
    if spec is None or not problem.field:
        return url
    form = spec.form_for(referral)(instance=referral, partnership=referral.partnership)
    if problem.field not in form.fields:
        return url
    # The field's first input, as the page's own error summary would link it: #id_harm_0 for
    # radios and checkboxes, #id_incident_date_day for a date (config.forms.error_anchor).
    return f"{url}#{form[problem.field].error_anchor}"
