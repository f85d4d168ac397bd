"""GeoReport v2's two formats. XML is the spec's own (no namespace, the declaration with encoding="UTF-8"); JSON is its
Spark mapping: a container of repeated elements (services/service, attributes/attribute, values/value, errors/error,
service_requests/request, formats/format) becomes an array, always an array, and an empty element becomes null."""

from __future__ import annotations

import json
from typing import Any
from xml.etree import ElementTree as ET

from django.http import HttpResponse

FORMATS = {"xml": "text/xml; charset=utf-8", "json": "application/json; charset=utf-8"}
# The element name of each item of a list, by the list's own name.
ITEM = {"services": "service", "attributes": "attribute", "values": "value", "errors": "error", "service_requests": "request",
        "endpoints": "endpoint", "formats": "format"}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _fill(element: ET.Element, value: Any, name: str) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _fill(ET.SubElement(element, key), item, key)
    elif isinstance(value, list):
        for item in value:
            _fill(ET.SubElement(element, ITEM[name]), item, ITEM[name])
    else:
        element.text = _text(value)


def to_xml(root: str, body: Any) -> bytes:
    element = ET.Element(root)
    _fill(element, body, root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(element, encoding="unicode").encode("utf-8")


def respond(fmt: str, root: str, body: Any, status: int = 200) -> HttpResponse:
    """``body`` is what sits inside the root element: a list for services, service_requests and errors, a dict else."""
    if fmt == "json":
        content = json.dumps(body, ensure_ascii=False).encode("utf-8")
    else:
        content = to_xml(root, body)
    return HttpResponse(content, status=status, content_type=FORMATS.get(fmt, FORMATS["xml"]))
