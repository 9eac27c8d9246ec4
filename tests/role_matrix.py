"""Role matrix helper: who may see and do what, one status code per role, checked in one go.

    from tests.role_matrix import OUTSIDER, assert_matrix, expect

    assert_matrix(
        client_for, world.alpha, "get", url,
        expect(200, {Role.BUSINESS_MANAGER}),     # others 403, lead reviewer 404, outsider 404
        outsider=world.outsider,
    )

``expected`` maps every Role (and OUTSIDER, when an outsider is given) to a status code or a set
of acceptable codes; a missing role is an error, so every decision is written down. Each role is
played by the side's member holding only that role (tests/world.py). Requests that should be
refused run first, so a permitted write cannot change what the refused roles see. All
mismatches are reported together as a table.
"""

from collections.abc import Callable, Iterable

from cases.models import Role

OUTSIDER = "outsider"
ALL_ROLES = frozenset(Role)
# Who sees an ordinary (unrestricted) case involving their agency: everyone but the lead
# reviewer, who sees only what they are named on.
CASE_VIEWERS = ALL_ROLES - {Role.LEAD_REVIEWER}


def expect(
    ok: int | set[int],
    allowed: Iterable[Role],
    *,
    denied: int | set[int] = 403,
    hidden: Iterable[Role] = (Role.LEAD_REVIEWER,),
    hidden_status: int = 404,
    outsider: int | set[int] = 404,
) -> dict:
    """Build an expectation: `allowed` roles get `ok`, `hidden` roles (who may not know the
    record exists) get 404, everyone else `denied`; the outsider 404."""
    allowed, hidden = set(allowed), set(hidden) - set(allowed)
    result: dict = {}
    for role in Role:
        if role in allowed:
            result[role] = ok
        elif role in hidden:
            result[role] = hidden_status
        else:
            result[role] = denied
    result[OUTSIDER] = outsider
    return result


def _codes(value) -> set[int]:
    return set(value) if isinstance(value, set | frozenset | tuple | list) else {value}


def _is_refusal(value) -> bool:
    return all(code >= 400 for code in _codes(value))


def assert_matrix(
    client_for: Callable,
    side,
    method: str,
    url: str,
    expected: dict,
    data=None,
    *,
    outsider=None,
    **extra,
) -> dict:
    """Assert the status code `method url` gives each role; returns {role: response}.

    `data` is a dict, or a callable(role) -> dict for data that must differ per request (files,
    unique e-mail addresses). `extra` goes to the test client (e.g. content_type=...).
    """
    missing = [r.label for r in Role if r not in expected]
    assert not missing, f"assert_matrix for {method.upper()} {url}: no expectation for {missing}"
    players = {role: side.members[role].user for role in Role}
    if outsider is not None:
        assert OUTSIDER in expected, "assert_matrix: an outsider was given but no expectation"
        players[OUTSIDER] = outsider
    order = sorted(players, key=lambda who: not _is_refusal(expected[who]))

    responses, mismatches = {}, []
    for who in order:
        client = client_for(players[who])
        payload = data(who) if callable(data) else data
        kwargs = dict(extra)
        if payload is not None:
            kwargs["data"] = payload
        response = getattr(client, method.lower())(url, **kwargs)
        responses[who] = response
        want = _codes(expected[who])
        if response.status_code not in want:
            label = who.label if isinstance(who, Role) else who
            detail = ""
            if response.status_code == 400 and hasattr(response, "json"):
                detail = f"  {response.content[:200]!r}"
            mismatches.append(
                f"  {label:<28} expected {'/'.join(map(str, sorted(want))):<8} "
                f"got {response.status_code}{detail}"
            )
    assert not mismatches, f"Role matrix for {method.upper()} {url}:\n" + "\n".join(mismatches)
    return responses
