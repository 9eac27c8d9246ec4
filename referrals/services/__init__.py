"""Every change to a referral is one function here: keyword-only, atomic, permission-checked,
state-checked (referrals.state), audited, and e-mailing through cases.emails only.

    drafts.py         referral_create, referral_create_external, referral_save_draft,
                      referral_item_add / _update / _remove
    authorisation.py  referral_submit_for_authorisation, referral_authorise, referral_return,
                      referral_withdraw
    receipt.py        (receipt: opening the case, subjects, triage day zero), referral_link_case
    triage.py         referral_quality_assure, referral_request_information,
                      referral_provide_information, referral_schedule_review_group,
                      referral_decide
    executive.py      referral_recommend_to_executive, executive_decision_record
    challenges.py     challenge_raise, challenge_step_record
    lookups.py        lookup_add, lookup_update
"""
