"""The LCSPR pages and API (issue 14) on Dorset's preset."""

import datetime

from django.test import Client
from django.urls import reverse

from cases.models import Deadline, Notice, NoticeKind
from lcspr.choices import LcsprSource
from lcspr.models import LocalReview
from tests.factories import api_token
from tests.lcspr.conftest import panel_recommends
from tests.lcspr.records import a_final_version

D = datetime.date


class _Api:
    def __init__(self, member):
        self.client = Client(HTTP_AUTHORIZATION=f"Token {api_token(member.user)}")

    def post(self, url, data):
        return self.client.post(url, data, content_type="application/json")


def _date(prefix, d):
    return {f"{prefix}_day": d.day, f"{prefix}_month": d.month, f"{prefix}_year": d.year}


def test_start_then_set_and_move_the_target_in_the_browser(dorset, mid_december, client_for):
    s = dorset
    panel_recommends(s, D(2026, 12, 1))
    bm = client_for(s.bm.user)
    case_page = bm.get(reverse("cases:case_detail", args=["dorset", s.case.pk])).content.decode()
    start = reverse("lcspr:start", args=["dorset", s.case.pk])
    assert start in case_page and "Start the LCSPR" in case_page

    response = bm.post(start, {})
    assert response.status_code == 200
    assert "Select what started the LCSPR" in response.content.decode()
    response = bm.post(start, {"source": LcsprSource.PANEL_RECOMMENDATION})
    review = LocalReview.objects.get(case=s.case)
    assert response.url == reverse("lcspr:detail", args=["dorset", review.pk])

    page = bm.get(response.url).content.decode()
    assert "Tuesday 1 June 2027" in page  # six months from the Panel's recommendation
    assert "Not set yet" in page
    target = reverse("lcspr:target", args=["dorset", review.pk])
    assert bm.post(target, _date("target", D(2027, 5, 25))).status_code == 302
    page = bm.get(response.url).content.decode()
    assert "Final Review Meeting agrees final amendments" in page
    assert "Tue 20 Apr 2027" in page

    # Moving it past six months without the reasons: every error at once, nothing saved.
    response = bm.post(target, _date("target", D(2027, 6, 15)))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter why the target publication date is moving" in html
    assert "Enter why the review will not be published within six months" in html
    review.refresh_from_db()
    assert review.target_publication_date == D(2027, 5, 25)
    response = bm.post(
        target,
        {
            **_date("target", D(2027, 6, 15)),
            "reason": "The trial was adjourned",
            "delay_reasons": "The police asked us to wait for the trial.",
        },
    )
    assert response.status_code == 302
    page = bm.get(response.url).content.decode()
    assert "After six months" in page and "The delay notice" in page
    assert Notice.objects.filter(case=s.case, kind=NoticeKind.LCSPR_DELAY).exists()
    history = bm.get(reverse("cases:case_history", args=["dorset", s.case.pk])).content.decode()
    assert "set the LCSPR&#x27;s target publication date" in history


def test_who_sees_and_changes_the_lcspr(dorset, mid_december, client_for):
    s = dorset
    bm = client_for(s.bm.user)
    bm.post(
        reverse("lcspr:start", args=["dorset", s.case.pk]),
        {"source": LcsprSource.PARTNERSHIP_DECISION, **_date("day_zero", D(2026, 12, 1))},
    )
    review = LocalReview.objects.get(case=s.case)
    detail = reverse("lcspr:detail", args=["dorset", review.pk])
    target = reverse("lcspr:target", args=["dorset", review.pk])
    # The local authority's SLO (involved) reads it but does not set dates; the fire
    # service, not involved in the case, gets 404.
    la = client_for(s.la_slo.user)
    assert la.get(detail).status_code == 200
    assert la.get(target).status_code == 403
    assert client_for(s.fire_slo.user).get(detail).status_code == 404
    assert client_for(s.exec.user).get(detail).status_code == 200
    assert client_for(s.exec.user).post(target, _date("target", D(2027, 5, 3))).status_code == 403
    assert review.pk in [
        r["id"]
        for r in client_for(s.exec.user)
        .get(reverse("lcspr_api:lcspr-list", args=["dorset"]))
        .json()["results"]
    ]


def test_the_api_starts_and_moves_it(dorset, mid_december):
    s = dorset
    panel_recommends(s, D(2026, 12, 1))
    api = _Api(s.bm)
    url = reverse("lcspr_api:lcspr-list", args=["dorset"])
    bad = api.post(url, {"case": s.case.pk, "source": "whim"})
    assert bad.status_code == 400 and "source" in bad.json()
    created = api.post(url, {"case": s.case.pk, "source": LcsprSource.PANEL_RECOMMENDATION})
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["day_zero"], body["six_months_end"]) == ("2026-12-01", "2027-06-01")
    assert body["publication_milestones"] == [] and body["delay_notice"] is None
    again = api.post(url, {"case": s.case.pk, "source": LcsprSource.PANEL_RECOMMENDATION})
    assert again.status_code == 409
    target = reverse("lcspr_api:lcspr-target", args=["dorset", body["id"]])
    refused = api.post(target, {"target": "2027-06-15"})
    assert refused.status_code == 400
    assert set(refused.json()) >= {"delay_reasons"}
    moved = api.post(target, {"target": "2027-06-15", "delay_reasons": "A criminal trial."})
    assert moved.status_code == 200, moved.content
    body = moved.json()
    assert body["target_publication_date"] == "2027-06-15"
    assert body["delay_notice"] is not None
    keys = {m["key"]: m["due"] for m in body["publication_milestones"]}
    assert keys["final_review_meeting"] == "2027-05-11"
    assert Deadline.objects.filter(case=s.case, stage="publication").count() == 6
    slo = _Api(s.la_slo)
    assert slo.post(target, {"target": "2027-05-03"}).status_code == 403


def test_record_the_publication_in_the_browser_and_the_api(dorset, mid_december, client_for):
    from cases.services.notices import notice_create, notice_record_sent
    from lcspr.services.start import lcspr_start
    from lcspr.services.target import lcspr_target_set

    s = dorset
    review = lcspr_start(
        actor=s.bm.user,
        membership=s.bm,
        case=s.case,
        source=LcsprSource.PARTNERSHIP_DECISION,
        day_zero=D(2026, 7, 1),
    )
    lcspr_target_set(actor=s.bm.user, membership=s.bm, review=review, target=D(2026, 12, 16))
    bm = client_for(s.bm.user)
    url = reverse("lcspr:publish", args=["dorset", review.pk])
    page = bm.get(url).content.decode()
    assert "No copies before publication are recorded as sent" in page
    response = bm.post(url, {"web_address": "pdscp"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter the date the report was published" in html
    notice = notice_create(
        actor=s.bm.user, membership=s.bm, case=s.case, kind=NoticeKind.PREPUBLICATION_COPIES
    )
    notice_record_sent(actor=s.bm.user, membership=s.bm, notice=notice, sent_on=D(2026, 12, 4))
    a_final_version(review)
    api = _Api(s.bm)
    refused = api.post(
        reverse("lcspr_api:lcspr-publish", args=["dorset", review.pk]),
        {"published_on": "2026-12-15", "web_address": "ftp://pdscp"},
    )
    assert refused.status_code == 400 and "web_address" in refused.json()
    response = bm.post(
        url,
        {**_date("published_on", D(2026, 12, 15)), "web_address": "https://pdscp.example/r"},
    )
    assert response.status_code == 302
    page = bm.get(reverse("lcspr:detail", args=["dorset", review.pk])).content.decode()
    assert "https://pdscp.example/r" in page and "Published" in page
    again = api.post(
        reverse("lcspr_api:lcspr-publish", args=["dorset", review.pk]),
        {"published_on": "2026-12-15", "web_address": "https://pdscp.example/r"},
    )
    assert again.status_code == 409
