"""The citizens' sign-in pages (/dinh-danh/…) and the demo provider's endpoints (/demo-oidc/…).

Sign-in starts with a link (GET), not a form: the site's CSP (``form-action 'self'``) would stop a
form whose answer redirects to another origin, the provider's."""

from __future__ import annotations

import logging

import requests
from authlib.integrations.base_client import MismatchingStateError, OAuthError
from authlib.oauth2 import OAuth2Error
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from joserfc.errors import BadSignatureError, ExpiredTokenError, JoseError
from vietnam_provinces import Province, ProvinceCode

from ykien.identity import client, config, demo, provider, tokens
from ykien.identity.codes import ErrorCode
from ykien.identity.errors import IdentityError
from ykien.identity.person import VerifiedPerson
from ykien.identity.session import NEXT_KEY, current_person, person_sign_in, person_sign_out

log = logging.getLogger(__name__)

# 503: no provider, or it cannot be reached; 502: it answered nonsense; 400: this sign-in failed.
STATUS = {
    ErrorCode.NOT_CONFIGURED: 503,
    ErrorCode.PROVIDER_UNREACHABLE: 503,
    ErrorCode.PROVIDER_ERROR: 502,
}


def _safe_next(request: HttpRequest, value: str | None) -> str:
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return reverse("identity:status")


def _failure(request: HttpRequest, reason: ErrorCode) -> HttpResponse:
    # The reason code only: nothing about the person.
    log.warning("identity: sign-in refused (%s)", reason.value)
    return render(
        request,
        "identity/error.html",
        {"reason": reason, "message": reason.label, "start_url": reverse("identity:sign_in")},
        status=STATUS.get(reason, 400),
    )


def province_name(code: str) -> str:
    try:
        return str(Province.from_code(ProvinceCode(int(code))).name)
    except (ValueError, KeyError):
        return ""


def person_context(person: VerifiedPerson | None) -> dict[str, object]:
    if person is None:
        return {"person": None}
    sexes = {"male": _("Nam"), "female": _("Nữ")}
    return {
        "person": person,
        "province_name": province_name(person.province_code),
        "sex_label": sexes.get(person.sex, ""),
    }


@never_cache
@require_GET
def status(request: HttpRequest) -> HttpResponse:
    """Who is signed in through the national identity in this session, with the way in or out."""
    context = person_context(current_person(request))
    context["configured"] = config.is_configured()
    return render(request, "identity/status.html", context)


@never_cache
@require_GET
def sign_in(request: HttpRequest) -> HttpResponse:
    """Send the citizen to the provider (authorization code with PKCE, state and nonce)."""
    oidc = client.oidc_client()
    if oidc is None:
        return _failure(request, ErrorCode.NOT_CONFIGURED)
    request.session[NEXT_KEY] = _safe_next(request, request.GET.get("next"))
    try:
        return oidc.authorize_redirect(request, config.redirect_uri())
    except (requests.RequestException, ValueError, KeyError, RuntimeError):
        # The discovery document could not be read.
        return _failure(request, ErrorCode.PROVIDER_UNREACHABLE)


@never_cache
@require_GET
def callback(request: HttpRequest) -> HttpResponse:
    """The provider sends the citizen back here with a code: exchange it, check the ID token,
    keep the verified person in the session. A bad or replayed state or code: a 400 page."""
    oidc = client.oidc_client()
    current = config.provider()
    if oidc is None or current is None:
        return _failure(request, ErrorCode.NOT_CONFIGURED)
    try:
        token = oidc.authorize_access_token(
            request, claims_options={"iss": {"essential": True, "value": current.issuer}}
        )
        id_token = token.get("id_token")
        if not isinstance(id_token, str) or "userinfo" not in token:
            raise IdentityError(ErrorCode.PROVIDER_ERROR)
        # Authlib checked the flow (nonce, at_hash); the site's own check of an ID token
        # (algorithms, leeway, audience) and the one reading of its claims.
        checker = tokens.verifier()
        person = checker.reader.person(checker.claims_of(id_token))
    except IdentityError as exc:
        return _failure(request, exc.reason)
    except MismatchingStateError:
        return _failure(request, ErrorCode.BAD_STATE)
    except OAuthError as exc:
        if request.GET.get("error"):
            return _failure(request, ErrorCode.PROVIDER_REFUSED)
        if exc.error == "invalid_grant":
            return _failure(request, ErrorCode.CODE_REJECTED)
        return _failure(request, ErrorCode.PROVIDER_ERROR)
    except requests.RequestException:
        return _failure(request, ErrorCode.PROVIDER_UNREACHABLE)
    except BadSignatureError:
        return _failure(request, ErrorCode.BAD_SIGNATURE)
    except ExpiredTokenError:
        return _failure(request, ErrorCode.EXPIRED)
    except (JoseError, ValueError, KeyError, TypeError):
        return _failure(request, ErrorCode.PROVIDER_ERROR)
    target = _safe_next(request, request.session.pop(NEXT_KEY, None))
    person_sign_in(request, person)
    return redirect(target)


@never_cache
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    person_sign_out(request)
    return redirect(_safe_next(request, request.POST.get("next")))


# --- the demo provider -------------------------------------------------------------------------


def _demo_on() -> None:
    if not settings.IDENTITY_DEMO_PROVIDER:
        raise Http404


@require_GET
def demo_discovery(request: HttpRequest) -> JsonResponse:
    _demo_on()
    return JsonResponse(provider.metadata(request))


@require_GET
def demo_jwks(request: HttpRequest) -> JsonResponse:
    _demo_on()
    return JsonResponse(demo.jwks())


@never_cache
@require_http_methods(["GET", "POST"])
def demo_authorize(request: HttpRequest) -> HttpResponse:
    """The demo provider's sign-in page: pick a demo citizen (or cancel)."""
    _demo_on()
    server = provider.server_for(request)
    citizen = None
    if request.method == "POST":
        citizen = demo.BY_SUB.get(request.POST.get("citizen", ""))
        if citizen is None and "cancel" not in request.POST:
            return _demo_refused(request)
    try:
        grant = server.get_consent_grant(request, end_user=citizen)
    except OAuth2Error as exc:
        log.info("identity: demo provider refused an authorization request (%s)", exc.error)
        return _demo_refused(request)
    if request.method == "POST":
        return server.create_authorization_response(request, grant_user=citizen, grant=grant)
    rows = [(c, province_name(c.province_code)) for c in demo.CITIZENS]
    return render(request, "identity/demo_authorize.html", {"citizens": rows})


def _demo_refused(request: HttpRequest) -> HttpResponse:
    return render(request, "identity/demo_refused.html", status=400)


@csrf_exempt  # a server-to-server call, authenticated by the client secret
@require_POST
def demo_token(request: HttpRequest) -> HttpResponse:
    _demo_on()
    return provider.server_for(request).create_token_response(request)
