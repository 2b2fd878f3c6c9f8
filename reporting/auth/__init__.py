"""Accounts: logging in, one-time password links, and a Party's contributors.

`issue_reset_link(user) -> URL` is the one way to give someone a password: the
secretariat issues it for new accounts (and on request), a focal point's invitation sends
one to a new contributor, and people who forgot their password ask for one by e-mail.
"""

from .login import authenticate
from .tokens import issue_reset_link, reset_token, user_for_reset_token

__all__ = ["authenticate", "issue_reset_link", "reset_token", "user_for_reset_token"]
