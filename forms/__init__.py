"""WTForms forms of the web interface (Flask-WTF: CSRF on every form, translated labels).

One module per area: `auth`, `reports`, `questionnaire` (a report page, built from the
format), `contributors`, `exports`, `secretariat` (review, reminders, users), `queries`
(a Party's reply). Choices that depend on the user or the data are set by the view.
"""
