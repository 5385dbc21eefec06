"""The OpenAPI document lists, for every operation, each error it can answer with, with the body
the API really sends (``ykien.api.schemas``); schemathesis (test_schemathesis.py) checks the
answers against it."""

from __future__ import annotations

import jsonschema_rs
import pytest

from ykien.api.schemas import ERROR_DESCRIPTIONS, MAX_ID

pytestmark = pytest.mark.django_db

C = "/api/v1/consultations"
O = "/api/v1/oversight"  # noqa: E741
P = "/api/v1/petitions/staff"

#: Every operation of the API and the status codes it answers with.
OPERATIONS = {
    ("get", "/api/v1/health"): ["200"],
    ("get", f"{C}/drafts"): ["200", "400"],
    ("get", f"{C}/drafts/{{draft_id}}"): ["200", "400", "404"],
    ("get", f"{C}/drafts/{{draft_id}}/tree"): ["200", "400", "404"],
    ("get", f"{C}/drafts/{{draft_id}}/statements"): ["200", "400", "404"],
    ("get", f"{C}/drafts/{{draft_id}}/statements/next"): ["200", "204", "400", "401", "404"],
    ("get", f"{C}/drafts/{{draft_id}}/common-ground"): ["200", "400", "404"],
    ("get", f"{C}/nodes/{{node_id}}/comments"): ["200", "400", "404"],
    ("post", f"{C}/drafts/{{draft_id}}/comments"): ["201", "400", "401", "403", "404", "409"],
    ("post", f"{C}/statements/{{statement_id}}/votes"): ["200", "400", "401", "403", "404", "409"],
    ("get", f"{O}/recommendations"): ["200", "400", "404"],
    ("get", f"{O}/figures"): ["200", "400", "404"],
    ("get", f"{O}/map.geojson"): ["200", "400", "404"],
    ("get", "/api/v1/petitions/published.geojson"): ["200", "400", "404"],
    ("get", f"{P}/petitions"): ["200", "400", "401", "403", "404"],
    ("get", f"{P}/petitions/{{petition_id}}"): ["200", "400", "401", "403", "404"],
    ("get", f"{P}/petitions/{{petition_id}}/steps"): ["200", "400", "401", "403", "404"],
    ("get", f"{P}/petitions/{{petition_id}}/actions"): ["200", "400", "401", "403", "404"],
    ("post", f"{P}/petitions/{{petition_id}}/transitions"): [
        "200",
        "400",
        "401",
        "403",
        "404",
        "409",
    ],
    ("get", "/api/v1/dialogue/dialogues"): ["200", "400"],
    ("get", "/api/v1/dialogue/dialogues/{dialogue_id}"): ["200", "400", "404"],
    ("get", "/api/v1/dialogue/commitments"): ["200", "400"],
    ("get", "/api/v1/reception/sessions"): ["200", "400", "404"],
    ("post", "/api/v1/national/drafts/{draft_id}/ballot"): [
        "200",
        "201",
        "400",
        "401",
        "404",
        "409",
    ],
    ("get", "/api/v1/national/drafts/{draft_id}/results"): ["200", "400", "404"],
    ("get", "/api/v1/reporting/indicators"): ["200"],
    ("get", "/api/v1/reporting/periods"): ["200"],
    ("get", "/api/v1/reporting/figures"): ["200", "400", "404"],
}

ERROR = {"$ref": "#/components/schemas/ErrorOut"}
INVALID_OR_ERROR = {
    "anyOf": [{"$ref": "#/components/schemas/InvalidOut"}, ERROR],
    "title": "Response",
}


@pytest.fixture
def spec(client):
    return client.get("/api/v1/openapi.json").json()


def test_every_operation_lists_each_error_it_answers_with(spec):
    listed = {
        (method, path): sorted(operation["responses"])
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
    }
    assert listed == OPERATIONS


def test_each_error_has_the_body_the_api_sends_and_a_description(spec):
    for (method, path), codes in OPERATIONS.items():
        responses = spec["paths"][path][method]["responses"]
        for code in codes:
            if code == "204":  # nothing left: no body
                assert "content" not in responses[code], (path, code)
                continue
            if code.startswith("2"):
                assert "content" in responses[code], (path, code)
                continue
            response = responses[code]
            assert response["description"] == ERROR_DESCRIPTIONS[int(code)]
            schema = response["content"]["application/json"]["schema"]
            assert schema == (INVALID_OR_ERROR if code == "400" else ERROR), (path, code)
            if code == "401":
                assert response["headers"]["WWW-Authenticate"]["schema"] == {
                    "type": "string",
                    "const": "Bearer",
                }


def test_the_error_schemas(spec):
    schemas = spec["components"]["schemas"]
    assert schemas["ErrorOut"]["required"] == ["detail"]
    assert schemas["InvalidOut"]["required"] == ["code", "message", "detail"]
    assert schemas["InvalidOut"]["properties"]["code"]["const"] == "invalid"
    assert schemas["InvalidItem"]["required"] == ["loc", "field", "type", "msg"]


def test_ids_and_paging_are_bounded_in_the_document(spec):
    for (_method, path), _codes in OPERATIONS.items():
        operation = spec["paths"][path][_method]
        for parameter in operation.get("parameters", []):
            schema = parameter["schema"]
            if parameter["in"] == "path":
                assert (schema["type"], schema["minimum"], schema["maximum"]) == (
                    "integer",
                    1,
                    MAX_ID,
                ), (path, parameter["name"])
            if parameter["name"] == "offset":
                # A node's comments page deeper by cursor (below).
                most = 10_000 if path == f"{C}/nodes/{{node_id}}/comments" else 1_000_000_000
                assert (schema["minimum"], schema["maximum"]) == (0, most), path
    node_id = spec["components"]["schemas"]["CommentIn"]["properties"]["node_id"]
    assert node_id["anyOf"][0] == {"type": "integer", "minimum": 1, "maximum": MAX_ID}
    params = {p["name"]: p["schema"] for p in spec["paths"][f"{O}/figures"]["get"]["parameters"]}
    assert params["addressee"]["anyOf"][0] == {"type": "string", "maxLength": 60}
    params = {p["name"]: p["schema"] for p in spec["paths"][f"{C}/drafts"]["get"]["parameters"]}
    assert params["q"]["maxLength"] == 200
    comments = spec["paths"][f"{C}/nodes/{{node_id}}/comments"]["get"]
    params = {p["name"]: p["schema"] for p in comments["parameters"]}
    assert (params["cursor"]["type"], params["cursor"]["maxLength"]) == ("string", 40)
    assert list(comments["responses"]["200"]["headers"]) == ["Link"]


def test_real_error_answers_have_the_documented_shape(client, world):
    """A 400 of each kind, a 401, a 404 and a 409, against the document's schemas."""
    spec = client.get("/api/v1/openapi.json").json()

    def check(response, path, method):
        documented = spec["paths"][path][method]["responses"][str(response.status_code)]
        schema = documented["content"]["application/json"]["schema"]
        jsonschema_rs.validate(_inline(schema, spec["components"]["schemas"]), response.json())

    comments = f"{C}/drafts/{{draft_id}}/comments"
    url = f"{C}/drafts/{world.open_draft.pk}/comments"
    auth = {"HTTP_AUTHORIZATION": f"Bearer {world.token}"}
    for body, status in (
        ('{"stance": "maybe"}', 400),  # outside the schema
        ("{not json", 400),  # bad_json
        ('{"stance": "disagree"}', 400),  # refused by the service
        ('{"stance": "agree", "node_id": 9223372036854775807}', 404),
    ):
        response = client.post(url, body, content_type="application/json", **auth)
        assert response.status_code == status, body
        check(response, comments, "post")
    response = client.post(url, '{"stance": "agree"}', content_type="application/json")
    assert response.status_code == 401
    check(response, comments, "post")
    closed = f"{C}/drafts/{world.closed_draft.pk}/comments"
    response = client.post(closed, '{"stance": "agree"}', content_type="application/json", **auth)
    assert response.status_code == 409
    check(response, comments, "post")


def _inline(node, schemas):
    """``node`` with its ``#/components/schemas/…`` references replaced by the schemas."""
    if isinstance(node, dict):
        if "$ref" in node:
            return _inline(schemas[node["$ref"].rsplit("/", 1)[1]], schemas)
        return {key: _inline(value, schemas) for key, value in node.items()}
    if isinstance(node, list):
        return [_inline(value, schemas) for value in node]
    return node


def test_every_schema_class_has_its_own_name():
    """django-ninja names a component after its class: two apps' ``FiguresOut`` would share one
    schema in the document and one app's answers would be checked against the other's."""
    import ast
    from collections import Counter
    from pathlib import Path

    import ykien

    names: Counter[str] = Counter()
    for path in Path(ykien.__file__).parent.glob("*/api*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef) and any(
                ast.unparse(b) in ("Schema", "ninja.Schema") for b in node.bases
            ):
                names[node.name] += 1
    assert [name for name, n in names.items() if n > 1] == []
