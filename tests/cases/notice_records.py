"""A statutory notice on a side's case, for the tenant crawler's registry, the role matrix, the
row-level security world and the accessibility pages: made on first use through the service,
so the shared world stays as it is for everyone else."""

import datetime

from cases.models import Notice, NoticeStatus, Role
from cases.services import notices as notice_services


def a_notice(side) -> Notice:
    """A due notice (copies before publication, with the case's document) of the side's case."""
    notice = Notice.objects.filter(case=side.case, status=NoticeStatus.DUE).order_by("pk").first()
    if notice is None:
        bm = side.members[Role.BUSINESS_MANAGER]
        notice = notice_services.notice_create(
            actor=bm.user,
            membership=bm,
            case=side.case,
            kind="prepublication_copies",
            description="The final report",
            documents=[side.attachment],
            due_date=datetime.date(2026, 3, 2),
        )
    return notice
