"""WTForms forms of the web interface (Flask-WTF: CSRF on every form, translated labels)."""
