def login_identifier(request, credentials):
    """The account half of axes' (account, IP address) lockout key, case-insensitive."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username") or credentials.get("login")
    if not value and request is not None and hasattr(request, "POST"):
        value = request.POST.get("login")
    return (value or "").strip().lower()
