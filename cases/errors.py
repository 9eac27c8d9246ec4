class DomainError(Exception):
    """A request the domain refuses (wrong state, bad combination); shown to the user as is."""


class InvalidTransition(DomainError):
    pass
