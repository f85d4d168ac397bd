import pytest

pytestmark = pytest.mark.django_db

PAGES = [
    (None, "/accounts/login/"),
    ("secretary", "/"),
    ("secretary", "/org/"),
    ("secretary", "/accounts/password/"),
    ("secretary", "/no-such-page/"),
    ("secretary", "/audit/"),  # refused: the 403 page carries the headers too
    ("reviewer", "/audit/"),
    ("admin", "/admin/"),
    ("admin", "/admin/org/unit/"),
    ("secretary", "/api/v1/org/me"),
]


@pytest.mark.parametrize(("who", "url"), PAGES)
def test_every_page_sends_the_security_headers(world, client, who, url):
    if who:
        client.force_login(getattr(world, who))
    response = client.get(url)
    csp = response.headers.get("Content-Security-Policy", "")
    directives = {part.strip().split(" ")[0]: part.strip() for part in csp.split(";") if part.strip()}
    assert directives.get("script-src") == "script-src 'self'"
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
