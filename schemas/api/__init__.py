"""Marshmallow schemas of the REST API (/api/v1/), one module per resource.

Query-string and body schemas (`...Query`, `...In`) are separate from output schemas;
the OpenAPI document is generated from them by flask-smorest.
"""
