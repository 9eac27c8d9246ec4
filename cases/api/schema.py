"""What the OpenAPI schema says about errors, for every operation: the 4xx answers the API
really gives (cases.api.errors, DRF's authentication, permissions, parsers and throttles), each
with a body that says why. Clients and Schemathesis (tests/test_api_schemathesis.py) rely on it.
"""

ERROR_COMPONENT = "Error"
ERROR_SCHEMA = {
    "type": "object",
    "description": "Why the request was refused: `detail`, or one list of messages per field "
    "(and `non_field_errors`) when the input is invalid.",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": True,
}
ALWAYS = {
    "401": "Not signed in, or the token is unknown or expired.",
    "403": "Signed in, but this member may not do this.",
    "404": "No such record in this partnership (or one this member may not see), or no such "
    "partnership.",
    "405": "The method is not allowed here.",
    "406": "The Accept header asks for a format the API does not give.",
    "429": "Too many requests: try again after Retry-After seconds.",
}
WITH_INPUT = {"400": "The input is invalid: every problem is listed."}
WRITES = {
    "409": "The record is not in a state that allows this now.",
    "415": "The request body's content type is not accepted.",
}


def document_error_responses(result, generator, request, public):
    """drf-spectacular post-processing hook (SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"])."""
    result.setdefault("components", {}).setdefault("schemas", {})[ERROR_COMPONENT] = ERROR_SCHEMA
    ref = {"$ref": f"#/components/schemas/{ERROR_COMPONENT}"}
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            codes = dict(ALWAYS)
            if operation.get("parameters") or operation.get("requestBody"):
                codes.update(WITH_INPUT)
            if method in ("post", "put", "patch", "delete"):
                codes.update(WITH_INPUT)
                codes.update(WRITES)
            for code, description in codes.items():
                operation["responses"].setdefault(
                    code,
                    {"description": description, "content": {"application/json": {"schema": ref}}},
                )
    return result
