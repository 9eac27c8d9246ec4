"""The report's first version carries the agencies' returns (rapid_reviews.report_returns):
involvement into the case summary, strengths into good practice, learning into the learning
and actions rows, and a request closed without a response said so."""

from cases.workflow import preset
from rapid_reviews.services import requests as requests_svc
from rapid_reviews.services.report import report_create


def test_the_first_version_is_prefilled_from_the_returns(lincolnshire):
    s = lincolnshire
    s.partnership.workflow["rapid_review_return"] = preset("swindon")["rapid_review_return"]
    s.partnership.save(update_fields=["workflow"])
    police, school = requests_svc.requests_send(
        actor=s.bm.user, membership=s.bm, review=s.review, agencies=[s.police, s.school]
    )
    requests_svc.return_enter_on_behalf(
        actor=s.bm.user,
        membership=s.bm,
        request=police,
        answers={
            "organisational_involvement": "Two welfare checks in May.",
            "strengths": "Officers spoke to the child alone.",
            "learning_for_agency": "Record the child's words verbatim.",
            "further_comments": "",
        },
    )
    requests_svc.request_close(
        actor=s.bm.user, membership=s.bm, request=school, reason="Not known to the school."
    )

    content = report_create(actor=s.bm.user, membership=s.bm, review=s.review).content

    police_name, school_name = s.police.name, s.school.name
    assert f"{police_name}'s return" in content["case_summary"]
    assert "Two welfare checks in May." in content["case_summary"]
    assert (
        f"{school_name}: closed without a response (Not known to the school.)"
        in (content["case_summary"])
    )
    assert {"agency": police_name, "evidence": "Officers spoke to the child alone."} in (
        content["good_practice"]
    )
    [row] = [r for r in content["learning_actions"] if r["agency"] == police_name]
    assert row["learning"] == "Record the child's words verbatim." and row["action"] == ""
    assert "Any further comments" not in content["case_summary"]  # empty answers are left out
