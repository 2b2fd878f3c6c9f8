"""What every blueprint of the web interface shares: the page shown for an expired form.

A floor below the blueprints' modules: it imports none of them. A blueprint with its own
handling of an expired form (a report's page, the login form) registers it on itself,
after `web_blueprint`, and falls back to `expired_form`.
"""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_wtf.csrf import CSRFError


def web_blueprint(blueprint: Blueprint) -> Blueprint:
    """Expired-form handling for a blueprint of the web interface (error pages and
    security headers are app-wide: `reporting.web.errors`, `reporting.web.ui`)."""
    blueprint.register_error_handler(CSRFError, expired_form)
    return blueprint


def expired_form(error):
    """A form posted after its CSRF token expired: the generic page (400)."""
    return render_template("errors/expired.html"), 400
