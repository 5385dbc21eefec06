"""The citizens' sign-in end to end against the demo provider served by live_server on 127.0.0.1:
Django's test client plays the browser; the site fetches the provider's discovery document and
keys and exchanges the code over HTTP, as with any external provider."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from ykien.identity import config, current_person, demo, tokens, verify_identity_token
from ykien.identity.session import SESSION_KEY

pytestmark = pytest.mark.django_db(transaction=True)

CITIZEN = demo.CITIZENS[2]  # Lê Minh Châu, Vĩnh Long (86), born 2004-03-20, female


def _path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def _host(url: str) -> dict[str, str]:
    """The Host a browser sends for ``url`` (the test client's default is "testserver")."""
    netloc = urlsplit(url).netloc
    return {"HTTP_HOST": netloc} if netloc else {}


def _get(client, url: str):
    return client.get(_path(url), **_host(url))


def _post(client, url: str, data: dict):
    return client.post(_path(url), data, **_host(url))


def _start(client, next_url: str = "") -> tuple[str, dict[str, list[str]]]:
    query = f"?next={next_url}" if next_url else ""
    response = client.get(reverse("identity:sign_in") + query)
    assert response.status_code == 302
    location = response["Location"]
    return location, parse_qs(urlsplit(location).query)


def _pick(client, authorize_url: str, citizen=CITIZEN) -> str:
    page = _get(client, authorize_url)
    assert page.status_code == 200
    assert citizen.name in page.content.decode()
    response = _post(client, authorize_url, {"citizen": citizen.sub})
    assert response.status_code == 302
    return response["Location"]


def test_a_citizen_signs_in_through_the_provider_and_comes_back_verified(client, oidc_live):
    location, params = _start(client, next_url="/du-thao/")
    assert location.startswith(f"{oidc_live}/authorize?")
    assert params["response_type"] == ["code"]
    assert params["client_id"] == [demo.CLIENT_ID]
    assert params["code_challenge_method"] == ["S256"]
    assert len(params["code_challenge"][0]) == 43
    assert len(params["state"][0]) >= 20
    assert len(params["nonce"][0]) >= 20
    assert params["redirect_uri"] == [config.redirect_uri()]
    assert set(params["scope"][0].split()) == {"openid", "profile"}

    back = _pick(client, location)
    assert back.startswith(config.redirect_uri() + "?")
    assert set(parse_qs(urlsplit(back).query)) == {"code", "state"}

    done = _get(client, (back))
    assert done.status_code == 302
    assert done["Location"] == "/du-thao/"
    kept = client.session[SESSION_KEY]
    assert set(kept) == {"subject_hash", "province_code", "age_band", "sex", "until"}
    assert (kept["province_code"], kept["sex"]) == ("86", "female")
    assert kept["age_band"] in ("16-24", "25-34")
    assert CITIZEN.sub not in str(dict(client.session))
    assert CITIZEN.name not in str(dict(client.session))
    # The same person as the API sees with a token of the same provider.
    api = verify_identity_token(demo.mint_id_token(CITIZEN.sub, "86"))
    assert kept["subject_hash"] == api.subject_hash

    status = client.get(reverse("identity:status"))
    assert status.context["person"].province_code == "86"
    assert "Vĩnh Long" in status.content.decode()


def test_the_citizen_is_no_user_account_and_a_staff_sign_in_stays(client, oidc_live):
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.count()
    location, _params = _start(client)
    _get(client, (_pick(client, location)))
    response = client.get(reverse("identity:status"))
    assert not response.wsgi_request.user.is_authenticated
    assert current_person(response.wsgi_request) is not None
    assert get_user_model().objects.count() == users

    staff = get_user_model().objects.create_user(username="canbo.dinhdanh", password="x" * 12)
    client.force_login(staff)
    location, _params = _start(client)
    _get(client, (_pick(client, location, demo.CITIZENS[0])))
    response = client.get(reverse("identity:status"))
    assert response.wsgi_request.user == staff
    assert current_person(response.wsgi_request).province_code == "01"


def test_sign_out_forgets_the_person_only(client, oidc_live):
    location, _params = _start(client)
    _get(client, (_pick(client, location)))
    response = client.post(reverse("identity:sign_out"), {"next": "/du-thao/"})
    assert response.status_code == 302
    assert response["Location"] == "/du-thao/"
    assert SESSION_KEY not in client.session
    assert client.get(reverse("identity:sign_out")).status_code == 405


def _refusal(response, status: int, text_vi: str) -> None:
    assert response.status_code == status
    with translation.override("vi"):
        assert text_vi in response.content.decode()


def test_a_bad_state_is_a_400_page_and_nobody_signs_in(client, oidc_live):
    location, _params = _start(client)
    back = _pick(client, location)
    forged = re.sub(r"state=[^&]+", "state=forged", back)
    _refusal(_get(client, (forged)), 400, "Phiên đăng nhập không khớp hoặc đã hết hạn")
    assert SESSION_KEY not in client.session
    # No state at all, and a callback from a browser that never started a sign-in.
    _refusal(client.get(reverse("identity:callback")), 400, "Phiên đăng nhập không khớp")
    from django.test import Client

    _refusal(_get(Client(), back), 400, "Phiên đăng nhập không khớp")


def test_the_same_callback_twice_is_a_400(client, oidc_live):
    location, _params = _start(client)
    back = _pick(client, location)
    assert _get(client, (back)).status_code == 302
    client.post(reverse("identity:sign_out"))
    # The state was used up with the first answer.
    _refusal(_get(client, (back)), 400, "Phiên đăng nhập không khớp")
    assert SESSION_KEY not in client.session


def test_a_replayed_code_is_refused_by_the_provider_and_is_a_400(client, oidc_live):
    location, _params = _start(client)
    first = _pick(client, location)
    used_code = parse_qs(urlsplit(first).query)["code"][0]
    assert _get(client, (first)).status_code == 302
    client.post(reverse("identity:sign_out"))
    # A new sign-in (a valid state) presented with the code already exchanged.
    _location, params = _start(client)
    replay = f"{reverse('identity:callback')}?code={used_code}&state={params['state'][0]}"
    _refusal(client.get(replay), 400, "Nhà cung cấp định danh từ chối mã xác thực")
    assert SESSION_KEY not in client.session


def test_cancelling_at_the_provider_is_a_400(client, oidc_live):
    location, _params = _start(client)
    response = _post(client, location, {"cancel": "1"})
    assert response.status_code == 302
    assert "error=access_denied" in response["Location"]
    _refusal(_get(client, (response["Location"])), 400, "đã bị hủy")
    assert SESSION_KEY not in client.session


def test_the_next_page_must_be_on_this_site(client, oidc_live):
    location, _params = _start(client, next_url="https://evil.example/")
    done = _get(client, (_pick(client, location)))
    assert done["Location"] == reverse("identity:status")


def test_the_provider_unreachable_is_a_503_page(client, settings):
    settings.OIDC_ISSUER = "http://127.0.0.1:9/demo-oidc"  # the discard port: nothing listens
    settings.OIDC_CLIENT_ID = "ykien"
    settings.OIDC_HTTP_TIMEOUT = 2
    config.reset()
    _refusal(client.get(reverse("identity:sign_in")), 503, "Không kết nối được")


def test_no_provider_configured_says_so(client, settings):
    settings.IDENTITY_DEMO_PROVIDER = False
    config.reset()
    _refusal(client.get(reverse("identity:sign_in")), 503, "Chưa có nhà cung cấp định danh")
    status = client.get(reverse("identity:status"))
    assert status.status_code == 200
    assert 'data-testid="identity-not-configured"' in status.content.decode()
    assert client.get("/demo-oidc/.well-known/openid-configuration").status_code == 404
    assert client.get("/demo-oidc/jwks").status_code == 404
    assert client.get("/demo-oidc/authorize").status_code == 404
    assert client.post("/demo-oidc/token").status_code == 404


def test_api_tokens_are_checked_against_the_keys_fetched_over_http(oidc_live, monkeypatch):
    fetched: list[str] = []
    real = tokens._fetch_json

    def counting(url: str):
        fetched.append(url)
        return real(url)

    monkeypatch.setattr(tokens, "_fetch_json", counting)
    token = demo.mint_id_token("a", "48")
    assert verify_identity_token(token).province_code == "48"
    assert verify_identity_token(token).province_code == "48"
    assert fetched == [f"{oidc_live}/.well-known/openid-configuration", f"{oidc_live}/jwks"]


def test_an_unknown_key_id_fetches_the_keys_again_at_most_once_a_minute(
    oidc_live, monkeypatch, settings
):
    from joserfc import jwt
    from joserfc.jwk import RSAKey

    from ykien.identity import IdentityError

    settings.OIDC_JWKS_MIN_REFRESH_SECONDS = 60
    config.reset()
    fetched: list[str] = []
    real = tokens._fetch_json
    monkeypatch.setattr(tokens, "_fetch_json", lambda url: fetched.append(url) or real(url))
    verify_identity_token(demo.mint_id_token("a", "01"))
    assert len(fetched) == 2
    other = RSAKey.generate_key(2048, private=True)
    claims = {"iss": oidc_live, "aud": demo.CLIENT_ID, "sub": "a", "province": "01"}
    import time

    claims.update(iat=int(time.time()), exp=int(time.time()) + 60)
    forged = jwt.encode({"alg": "RS256", "kid": "rotated?"}, claims, other)
    for _attempt in range(3):
        with pytest.raises(IdentityError) as caught:
            verify_identity_token(forged)
        assert caught.value.reason == "unknown_key"
    assert fetched[2:] == [f"{oidc_live}/jwks"]  # one refetch, then rate-limited


def test_the_demo_provider_requires_pkce_and_its_own_callback(client, settings):
    base = {
        "response_type": "code",
        "client_id": demo.CLIENT_ID,
        "redirect_uri": config.redirect_uri(),
        "scope": "openid profile",
        "state": "s",
        "nonce": "n",
        "code_challenge": "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        "code_challenge_method": "S256",
    }
    url = reverse("identity:demo_authorize")
    host = {"HTTP_HOST": "127.0.0.1:8000"}  # Authlib's provider answers http on loopback only
    assert client.get(url, base, **host).status_code == 200
    for change in (
        {"code_challenge": ""},
        {"code_challenge_method": "plain"},
        {"redirect_uri": "https://evil.example/dinh-danh/xac-thuc/"},
        {"client_id": "someone-else"},
        {"nonce": ""},
    ):
        response = client.get(url, {**base, **change}, **host)
        assert response.status_code == 400, change
        assert "Yêu cầu đăng nhập không hợp lệ" in response.content.decode()
    assert client.post(url + "?x=1", {"citizen": "nobody"}, **host).status_code == 400
