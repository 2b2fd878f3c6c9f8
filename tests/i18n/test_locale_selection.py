"""Locale order: explicit choice (?lang=), session, the user's saved preference, Accept-Language."""

from flask import session
from flask_login import login_user

from reporting.i18n import select_locale, text_direction


def test_explicit_choice_wins_and_is_kept_in_the_session(app):
    with app.test_request_context("/?lang=ar", headers={"Accept-Language": "fr"}):
        assert select_locale() == "ar"
        assert session["lang"] == "ar"


def test_session_choice_beats_preference_and_accept_language(app, focal_point):
    focal_point.language = "ru"
    with app.test_request_context("/", headers={"Accept-Language": "fr"}):
        login_user(focal_point)
        session["lang"] = "zh"
        assert select_locale() == "zh"


def test_saved_preference_beats_accept_language(app, focal_point):
    focal_point.language = "ru"
    with app.test_request_context("/", headers={"Accept-Language": "fr"}):
        login_user(focal_point)
        assert select_locale() == "ru"


def test_accept_language_is_used_without_choice_or_preference(app):
    with app.test_request_context("/", headers={"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"}):
        assert select_locale() == "es"


def test_unsupported_language_falls_back_to_english(app):
    with app.test_request_context("/?lang=de", headers={"Accept-Language": "de"}):
        assert select_locale() == "en"


def test_arabic_is_right_to_left_and_the_others_left_to_right():
    assert text_direction("ar") == "rtl"
    assert {text_direction(code) for code in ("en", "fr", "es", "ru", "zh")} == {"ltr"}


def test_party_names_are_shown_in_the_users_language(app, party_a):
    from flask_babel import force_locale

    with app.test_request_context("/"):
        with force_locale("zh"):
            assert party_a.display_name == "墨西哥"
        with force_locale("ar"):
            assert party_a.display_name == "المكسيك"
        with force_locale("en"):
            assert party_a.display_name == "Mexico"
