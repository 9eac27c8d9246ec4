from cases.models import AuditEvent, Role


def test_world_builds(world):
    assert world.alpha.case.reference == "ALP-" + str(world.alpha.case.created_at.year) + "-0001"
    assert AuditEvent.objects.filter(case=world.alpha.case).count() >= 4


def test_business_manager_sees_case(world, client_for):
    c = client_for(world.alpha.user(Role.BUSINESS_MANAGER))
    r = c.get(f"/p/alpha/cases/{world.alpha.case.pk}/")
    assert r.status_code == 200
    assert b"Test Child" in r.content
