"""Marshmallow schemas of the web UI and the REST API: input (query strings, bodies) and output."""
