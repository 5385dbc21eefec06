"""Property-based tests of the whole API from its own OpenAPI document (schemathesis).

Every operation of ``/api/v1/openapi.json`` is called in-process through the Django WSGI
application, authenticated with an officer's personal API token, with valid and invalid data
(huge and negative integers, NaN, wrong JSON types, long and odd strings); half of the path ids
are those of real objects of the ``world`` fixture, so that operations reach real rows too.
Each answer must be no server error, a status code the document lists for the operation, the
content type and the body schema it lists for that code.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = pytest.mark.django_db

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    ignored_auth,
    response_schema_conformance,
    negative_data_rejection,
]

_handler = WSGIHandler()


def app(environ: dict[str, Any], start_response: Any) -> Iterator[bytes]:
    """Django's WSGI application, without closing the test's database connection at the end
    of each request (as Django's test client does), so that the requests see the fixture's rows
    inside the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = _handler(environ, start_response)
        try:
            body = b"".join(response)
        finally:
            response.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return iter([body])


schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)

#: The ids of the ``world`` fixture's rows, by path parameter (filled for each test).
REAL: dict[str, list[int]] = {}


def _real(name: str) -> st.SearchStrategy[int]:
    return st.deferred(lambda: st.sampled_from(REAL[name]))


@schema.hook
def before_generate_path_parameters(context, strategy):
    """Half of the path ids are those of real rows (a draft open for comment, a closed one, one
    not published, their nodes, an active statement); the other half whatever the schema
    allows or not."""
    names = [p.name for p in context.operation.path_parameters]
    if not names:
        return strategy
    return st.one_of(strategy, st.fixed_dictionaries({name: _real(name) for name in names}))


@schema.hook
def before_generate_body(context, strategy):
    """Comments on real nodes too."""
    if not context.operation.path.endswith("/comments") or context.operation.method != "post":
        return strategy
    real = st.fixed_dictionaries(
        {
            "node_id": st.one_of(st.none(), _real("node_id")),
            "stance": st.sampled_from(["agree", "disagree", "reword"]),
            "reasons": st.text(max_size=40),
            "proposed_wording": st.text(max_size=40),
        }
    )
    return st.one_of(strategy, real)


@pytest.fixture(autouse=True)
def _real_rows(world, petitions, dialogues):
    REAL.update(
        draft_id=[world.open_draft.pk, world.closed_draft.pk, world.unpublished.pk],
        node_id=[n.pk for n in world.nodes],
        statement_id=[world.statement.pk],
        petition_id=petitions,
        dialogue_id=dialogues,
    )


@schema.parametrize()
@settings(
    max_examples=15,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_conforms_to_its_openapi_document(case, world):
    case.call_and_validate(
        app=app, headers={"Authorization": f"Bearer {world.token}"}, checks=CHECKS
    )
