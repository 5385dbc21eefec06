"""Benchmark: ``verify_identity_token`` — the check of an OpenID Connect ID token that runs on
every API ballot — against its floor, in the same sitting.

    .venv/bin/python bench/identity_verify.py [--tokens 2000] [--rounds 5]

Tokens for ``--tokens`` distinct people are minted with the demo provider's key
(``ykien.identity.demo.mint_id_token``; a scratch var/ directory, the built-in demo provider, so
no network). Each round times, over all the tokens:

- ``verify``: ``verify_identity_token`` — joserfc's RS256 signature check against the cached
  keys, the claims (iss, aud, exp, iat, sub), the province, the age band and the keyed hash;
- ``rsa``: the floor — the bare RSA-2048 PKCS#1 v1.5 signature check of the same tokens with
  ``cryptography`` (what any library must at least do);
- ``mint``: signing one token (what a load generator pays per person).

The figure is the median over rounds of the mean per call. Ends with:
    RESULT case=identity_verify tokens=... verify_us=... rsa_floor_us=... overhead_us=... mint_us=... loadavg=...

The machine's 1-minute load average is printed with it: on a shared machine every figure scales
with it, the ratio verify/rsa much less.
"""

from __future__ import annotations

import argparse
import base64
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tokens", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    var = tempfile.mkdtemp(prefix="ykien-bench-identity-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="ykien.settings",
        YKIEN_VAR_DIR=var,
        YKIEN_DEMO="1",
        YKIEN_IDENTITY_DEMO_PROVIDER="1",
        OIDC_ISSUER="",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    from ykien.identity import demo, verify_identity_token
    from ykien.identity.person import province_codes

    provinces = sorted(province_codes())
    started = time.perf_counter()
    tokens = [
        demo.mint_id_token(
            f"bench-{i}", provinces[i % len(provinces)], birthdate="1990-05-14", gender="female"
        )
        for i in range(args.tokens)
    ]
    mint_us = (time.perf_counter() - started) / args.tokens * 1e6

    public = demo.private_key().get_op_key("verify")
    split = []
    for token in tokens:
        header, payload, signature = token.split(".")
        split.append((f"{header}.{payload}".encode(), base64.urlsafe_b64decode(signature + "==")))

    verify_identity_token(tokens[0])  # warm: the keys, the verifier
    verify_rounds, rsa_rounds = [], []
    for _round in range(args.rounds):
        t0 = time.perf_counter()
        for token in tokens:
            verify_identity_token(token)
        verify_rounds.append((time.perf_counter() - t0) / len(tokens) * 1e6)
        t0 = time.perf_counter()
        for signing_input, signature in split:
            public.verify(signature, signing_input, padding.PKCS1v15(), hashes.SHA256())
        rsa_rounds.append((time.perf_counter() - t0) / len(tokens) * 1e6)
    verify_us = statistics.median(verify_rounds)
    rsa_us = statistics.median(rsa_rounds)
    print(f"verify rounds (us): {' '.join(f'{v:.1f}' for v in verify_rounds)}")
    print(f"rsa rounds (us):    {' '.join(f'{v:.1f}' for v in rsa_rounds)}")
    print(
        f"RESULT case=identity_verify tokens={args.tokens} verify_us={verify_us:.1f} "
        f"rsa_floor_us={rsa_us:.1f} overhead_us={verify_us - rsa_us:.1f} mint_us={mint_us:.0f} "
        f"loadavg={os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
