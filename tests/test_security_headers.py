"""Every response carries the security headers production needs, pages and admin alike."""

import pytest

pytestmark = pytest.mark.django_db

PAGES = ["/", "/articles/", "/people/", "/organisations/", "/admin/login/", "/no/such/page/"]


def csp_directives(response):
    policy = response["Content-Security-Policy"]
    directives = {}
    for part in policy.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize("url", PAGES)
def test_responses_carry_the_security_headers(client, url):
    response = client.get(url, secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "includeSubDomains" in response["Strict-Transport-Security"]
    assert "preload" not in response["Strict-Transport-Security"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.parametrize("url", PAGES)
def test_content_security_policy_allows_this_site_only_and_nothing_inline(client, url):
    directives = csp_directives(client.get(url, secure=True))
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    for values in directives.values():
        assert not [v for v in values if "unsafe" in v or "://" in v or v in {"*", "data:"}]


def test_pages_have_no_inline_script_or_style(staff_client):
    """What the policy forbids is not used, so nothing on our pages is blocked."""
    for url in PAGES[:4] + ["/admin/", "/admin/articles/article/add/"]:
        page = staff_client.get(url).content.decode()
        assert "<style" not in page
        assert ' style="' not in page
        assert " onclick=" not in page
        for tag in page.split("<script")[1:]:
            assert "src=" in tag.split(">")[0], f"inline script on {url}"


def test_cookies_are_secure_and_http_only(client, django_user_model):
    django_user_model.objects.create_superuser("editor", "e@example.org", "a-good-pass-4")
    login_page = client.get("/admin/login/", secure=True)
    csrf = login_page.cookies["csrftoken"]
    assert csrf["secure"]
    assert csrf["httponly"]
    response = client.post(
        "/admin/login/",
        {
            "username": "editor",
            "password": "a-good-pass-4",
            "csrfmiddlewaretoken": login_page.context["csrf_token"],
        },
        secure=True,
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"]
    assert session["httponly"]
    assert session["samesite"] == "Lax"
