"""The copies through the API: the same services as the pages; 404 for a notification the
member cannot see, 403 for who may not tick, 409 for a wrong state, 400 with the field."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import PartnershipFactory, make_member
from tests.notifications.conftest import complete, start, submitted
from tests.notifications.test_api import api, post, u

pytestmark = pytest.mark.django_db


def test_list_add_tick_untick_and_remove(dorset):
    n = submitted(dorset)
    la, police = api(dorset.hoqa), api(dorset.police_slo)
    listed = police.get(u(dorset, "copy-list", n.pk))
    assert listed.status_code == 200
    rows = listed.json()
    assert len(rows) == 6 and rows[0]["sent_on"] is None and rows[0]["added"] is False
    first = rows[0]["id"]
    assert post(police, u(dorset, "copy-sent", n.pk, first), {}).status_code == 403
    missing = post(la, u(dorset, "copy-sent", n.pk, first), {})
    assert missing.status_code == 400
    assert "Enter the date the copy was sent" in str(missing.json())
    future = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    assert post(la, u(dorset, "copy-sent", n.pk, first), {"sent_on": future}).status_code == 400
    today = timezone.localdate().isoformat()
    sent = post(la, u(dorset, "copy-sent", n.pk, first), {"sent_on": today})
    assert sent.status_code == 200, sent.content
    assert sent.json()["sent_on"] == today and sent.json()["sent_by_name"] == "Hana Head"
    again = post(la, u(dorset, "copy-sent", n.pk, first), {"sent_on": today})
    assert again.status_code == 409
    assert post(la, u(dorset, "copy-unsent", n.pk, first)).status_code == 200
    assert post(la, u(dorset, "copy-list", n.pk), {"label": ""}).status_code == 400
    added = post(la, u(dorset, "copy-list", n.pk), {"label": "Wiltshire SCP", "note": "Lived"})
    assert added.status_code == 201 and added.json()["added"] is True
    assert la.delete(u(dorset, "copy-detail", n.pk, first)).status_code == 409
    assert la.delete(u(dorset, "copy-detail", n.pk, added.json()["id"])).status_code == 204
    assert len(la.get(u(dorset, "copy-list", n.pk)).json()) == 6
    assert la.delete(u(dorset, "copy-detail", n.pk, 999999)).status_code == 404


def test_before_the_submission_409_and_another_partnership_404(dorset):
    n = complete(dorset, start(dorset))
    la = api(dorset.hoqa)
    assert la.get(u(dorset, "copy-list", n.pk)).json() == []
    assert post(la, u(dorset, "copy-list", n.pk), {"label": "X"}).status_code == 409
    other = PartnershipFactory(slug="elsewhere", code="ELS", with_preset="dorset")
    outsider = make_member(other, "business_manager")
    response = api(outsider).get(u(dorset, "copy-list", n.pk))
    assert response.status_code in (403, 404)
    mine = api(outsider).get(
        u(dorset, "copy-list", n.pk).replace(f"/{dorset.partnership.slug}/", "/elsewhere/")
    )
    assert mine.status_code == 404
