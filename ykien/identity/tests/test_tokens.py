"""verify_identity_token: an ID token from the configured provider becomes a VerifiedPerson; a
forged, expired, misaddressed or malformed one is an IdentityError with its reason code."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import time

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation
from joserfc import jwt
from joserfc.jwk import RSAKey

from ykien.identity import IdentityError, VerifiedPerson, demo, verify_identity_token
from ykien.identity.codes import ErrorCode
from ykien.identity.tokens import MAX_TOKEN_LENGTH

NOW = dt.datetime(2026, 12, 7, 8, 0, tzinfo=dt.UTC)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _claims(issuer: str, **overrides) -> dict:
    now = int(time.time())
    claims = {
        "iss": issuer,
        "aud": demo.CLIENT_ID,
        "sub": "cong-dan-1",
        "iat": now,
        "exp": now + 600,
        "province": "79",
        "birthdate": "1990-05-14",
        "gender": "female",
    }
    claims.update(overrides)
    return {k: v for k, v in claims.items() if v is not None}


def _sign(claims: dict, key=None, header: dict | None = None) -> str:
    key = key or demo.private_key()
    header = header or {"alg": "RS256", "kid": demo.private_key().kid}
    return jwt.encode(header, claims, key, algorithms=[header["alg"]])


def _reason(token) -> str:
    with pytest.raises(IdentityError) as caught:
        verify_identity_token(token)
    return caught.value.reason.value


@time_machine.travel(NOW, tick=False)
def test_a_token_of_the_demo_provider_gives_the_person_and_nothing_else(settings, issuer):
    person = verify_identity_token(
        demo.mint_id_token("cong-dan-1", "79", birthdate="1990-05-14", gender="female")
    )
    expected_hash = hmac.new(
        settings.IDENTITY_HASH_KEY.encode(),
        f"{issuer}\x00cong-dan-1".encode(),
        hashlib.sha256,
    ).hexdigest()
    assert person == VerifiedPerson(
        subject_hash=expected_hash, province_code="79", age_band="35-44", sex="female"
    )
    assert "cong-dan-1" not in repr(person)
    assert expected_hash not in repr(person)


@time_machine.travel(NOW, tick=False)
def test_the_same_sub_is_the_same_person_and_another_sub_another():
    first = verify_identity_token(demo.mint_id_token("a", "01"))
    again = verify_identity_token(demo.mint_id_token("a", "96", expires_in=60))
    other = verify_identity_token(demo.mint_id_token("b", "01"))
    assert first.subject_hash == again.subject_hash
    assert first.subject_hash != other.subject_hash
    assert len(first.subject_hash) == 64


@time_machine.travel(NOW, tick=False)
def test_the_hash_depends_on_the_key(settings):
    token = demo.mint_id_token("a", "01")
    before = verify_identity_token(token).subject_hash
    settings.IDENTITY_HASH_KEY = "another key"
    assert verify_identity_token(token).subject_hash != before


@pytest.mark.parametrize(
    ("birthdate", "band"),
    [
        ("2010-12-08", ""),  # 15 the day before the 16th birthday
        ("2010-12-07", "16-24"),
        ("2001-12-08", "16-24"),
        ("2001-12-07", "25-34"),
        ("1992-01-01", "25-34"),
        ("1991-12-07", "35-44"),
        ("1981-12-07", "45-54"),
        ("1971-12-07", "55-64"),
        ("1961-12-08", "55-64"),
        ("1961-12-07", "65+"),
        ("1930-02-28", "65+"),
        ("0000-05-14", ""),  # year left out
        ("1990-02-30", ""),
        ("14/05/1990", ""),
    ],
)
@time_machine.travel(NOW, tick=False)
def test_age_band_from_the_birth_date_on_the_day_in_vietnam(birthdate, band):
    person = verify_identity_token(demo.mint_id_token("a", "01", birthdate=birthdate))
    assert person.age_band == band


@time_machine.travel(NOW, tick=False)
def test_age_band_claim_used_when_no_birth_date_and_unknown_values_are_blank():
    assert (
        verify_identity_token(demo.mint_id_token("a", "01", age_band="45-54")).age_band == "45-54"
    )
    assert verify_identity_token(demo.mint_id_token("a", "01", age_band="40-49")).age_band == ""
    assert verify_identity_token(demo.mint_id_token("a", "01")).age_band == ""


@pytest.mark.parametrize(
    ("gender", "sex"),
    [("male", "male"), ("Female", "female"), ("nữ", "female"), ("other", ""), (None, "")],
)
@time_machine.travel(NOW, tick=False)
def test_sex_from_the_gender_claim(gender, sex):
    assert verify_identity_token(demo.mint_id_token("a", "01", gender=gender)).sex == sex


@pytest.mark.parametrize(("claim", "code"), [("1", "01"), (79, "79"), ("86", "86")])
@time_machine.travel(NOW, tick=False)
def test_province_codes_of_the_34_provinces(issuer, claim, code):
    token = _sign(_claims(issuer, province=claim))
    assert verify_identity_token(token).province_code == code


@pytest.mark.parametrize("claim", ["84", "02", "Hà Nội", "", True, "٧٩", None])
@time_machine.travel(NOW, tick=False)
def test_a_province_outside_the_34_or_missing_is_refused(issuer, claim):
    # 84 (Trà Vinh) and 02 (Hà Giang) were merged away on 1 July 2025.
    token = _sign(_claims(issuer, province=claim))
    expected = "missing_claim" if claim in ("", None) else "unknown_province"
    assert _reason(token) == expected


@time_machine.travel(NOW, tick=False)
def test_a_token_signed_with_another_key_is_forged(issuer):
    other = RSAKey.generate_key(2048, private=True)
    token = _sign(_claims(issuer), key=other)  # and it claims the demo key's kid
    assert _reason(token) == "bad_signature"


@time_machine.travel(NOW, tick=False)
def test_a_tampered_payload_breaks_the_signature(issuer):
    header, payload, signature = demo.mint_id_token("a", "01").split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["province"] = "79"
    tampered = ".".join([header, _b64(json.dumps(claims).encode()), signature])
    assert _reason(tampered) == "bad_signature"


@time_machine.travel(NOW, tick=False)
def test_alg_none_is_refused(issuer):
    header = _b64(json.dumps({"alg": "none", "kid": demo.private_key().kid}).encode())
    payload = _b64(json.dumps(_claims(issuer)).encode())
    assert _reason(f"{header}.{payload}.") == "unsupported_algorithm"


@time_machine.travel(NOW, tick=False)
def test_hs256_signed_with_the_public_key_is_refused(issuer):
    # The classic confusion: the public key used as an HMAC secret.
    # (joserfc will not even make such a key: the token is signed by hand.)
    public_pem = demo.private_key().as_pem(private=False)
    header = _b64(json.dumps({"alg": "HS256", "kid": demo.private_key().kid}).encode())
    signing_input = f"{header}.{_b64(json.dumps(_claims(issuer)).encode())}"
    mac = hmac.new(public_pem, signing_input.encode(), hashlib.sha256).digest()
    assert _reason(f"{signing_input}.{_b64(mac)}") == "unsupported_algorithm"


@time_machine.travel(NOW, tick=False)
def test_an_unknown_key_id_is_refused(issuer):
    other = RSAKey.generate_key(2048, private=True)
    token = _sign(_claims(issuer), key=other, header={"alg": "RS256", "kid": "not-ours"})
    assert _reason(token) == "unknown_key"


def test_an_expired_token_is_refused_after_the_leeway(settings, issuer):
    settings.OIDC_LEEWAY_SECONDS = 60
    with time_machine.travel(NOW, tick=False):
        token = demo.mint_id_token("a", "01", expires_in=300)
    with time_machine.travel(NOW + dt.timedelta(seconds=359), tick=False):
        assert verify_identity_token(token).province_code == "01"
    with time_machine.travel(NOW + dt.timedelta(seconds=360), tick=False):
        assert _reason(token) == "expired"


@pytest.mark.parametrize("claim", ["iat", "nbf"])
def test_a_token_from_the_future_is_refused_beyond_the_leeway(settings, issuer, claim):
    settings.OIDC_LEEWAY_SECONDS = 60
    with time_machine.travel(NOW, tick=False):
        now = int(time.time())
        soon = _sign(_claims(issuer, **{claim: now + 60}))
        later = _sign(_claims(issuer, **{claim: now + 61}))
        assert verify_identity_token(soon).province_code == "79"
        assert _reason(later) == "not_yet_valid"


@time_machine.travel(NOW, tick=False)
def test_wrong_audience_is_refused(issuer):
    assert _reason(_sign(_claims(issuer, aud="another-site"))) == "wrong_audience"
    assert _reason(_sign(_claims(issuer, aud=["another-site"]))) == "wrong_audience"
    # Several audiences: we must also be the authorised party (OIDC Core 3.1.3.7).
    both = [demo.CLIENT_ID, "another-site"]
    assert _reason(_sign(_claims(issuer, aud=both))) == "wrong_audience"
    token = _sign(_claims(issuer, aud=both, azp=demo.CLIENT_ID))
    assert verify_identity_token(token).province_code == "79"
    assert verify_identity_token(_sign(_claims(issuer, aud=[demo.CLIENT_ID]))).province_code == "79"


@time_machine.travel(NOW, tick=False)
def test_wrong_issuer_is_refused(issuer):
    assert _reason(_sign(_claims(issuer, iss="http://127.0.0.1:9999/demo-oidc"))) == "wrong_issuer"
    assert _reason(demo.mint_id_token("a", "01", issuer="https://evil.example")) == "wrong_issuer"


@pytest.mark.parametrize("missing", ["sub", "exp", "iat", "iss", "aud"])
@time_machine.travel(NOW, tick=False)
def test_a_missing_required_claim_is_refused(issuer, missing):
    assert _reason(_sign(_claims(issuer, **{missing: None}))) == "missing_claim"


@pytest.mark.parametrize(
    ("garbage", "reason"),
    [
        ("", "malformed"),
        ("Bearer", "malformed"),
        ("a.b", "malformed"),
        ("a.b.c", "malformed"),
        ("...", "malformed"),
        ("a.b.c.d", "malformed"),
        ("ö.ä.ü", "malformed"),
        ("x" * (MAX_TOKEN_LENGTH + 1), "malformed"),
        (None, "malformed"),
        (123, "malformed"),
        ("e30.e30.", "unsupported_algorithm"),  # {}.{}: no "alg"
        # A header that names RS256 and a payload that is not JSON / not an object: the
        # signature is checked first (a bad one, here), never the payload of an unsigned token.
        ("eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln", "bad_signature"),
        ("eyJhbGciOiJSUzI1NiJ9.W10.c2ln", "bad_signature"),
    ],
)
@time_machine.travel(NOW, tick=False)
def test_garbage_is_refused(garbage, reason):
    assert _reason(garbage) == reason


@time_machine.travel(NOW, tick=False)
def test_the_payload_not_json_is_malformed_not_a_crash(issuer):
    header = _b64(json.dumps({"alg": "RS256", "kid": demo.private_key().kid}).encode())
    signing_input = f"{header}.{_b64(b'not json')}"
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    signature = (
        demo.private_key()
        .get_op_key("sign")
        .sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
    )
    assert _reason(f"{signing_input}.{_b64(signature)}") == "malformed"


def test_no_provider_configured(settings):
    from ykien.identity import config

    settings.IDENTITY_DEMO_PROVIDER = False
    config.reset()
    assert _reason("a.b.c") == "not_configured"
    with pytest.raises(ImproperlyConfigured):
        demo.mint_id_token("a", "01")


@time_machine.travel(NOW, tick=False)
def test_a_provider_without_the_hash_key_counts_as_none(settings, client, caplog):
    """Production with a provider but no YKIEN_IDENTITY_HASH_KEY: nobody could be counted once,
    so sign-in is not offered and a token is refused as "not configured", never a 500."""
    from ykien.identity import config, is_configured

    token = demo.mint_id_token("a", "01")
    settings.IDENTITY_HASH_KEY = ""
    assert not is_configured()
    assert _reason(token) == "not_configured"
    assert "YKIEN_IDENTITY_HASH_KEY is not set" in caplog.text
    assert client.get("/dinh-danh/dang-nhap/").status_code == 503
    settings.IDENTITY_HASH_KEY = "a key"
    config.reset()
    assert is_configured()


def test_the_reason_reads_in_the_readers_language():
    with pytest.raises(IdentityError) as caught:
        verify_identity_token("a.b")
    error = caught.value
    assert error.code == ErrorCode.MALFORMED == "malformed"
    with translation.override("vi"):
        assert str(error.message) == "Mã định danh không đúng định dạng"
    with translation.override("en"):
        assert str(error.message) == "The identity token is malformed"
