"""`ort translations extract|update|compile`: the pybabel workflow for both domains.

messages      interface strings (Python, templates)      babel.cfg
questionnaire texts of the format files (questions ...)   babel-questionnaire.cfg
"""

import os
import subprocess
import sys

from ..config import PROJECT_ROOT

DOMAINS = {"messages": "babel.cfg", "questionnaire": "babel-questionnaire.cfg"}
LANGUAGES = ["ar", "en", "es", "fr", "ru", "zh"]


def _pybabel(*args):
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", *args],
        check=True,
        cwd=PROJECT_ROOT,
        env=env,
    )


def register(group):
    @group.group("translations")
    def translations():
        """Extract, update and compile the gettext catalogs."""

    @translations.command("extract")
    def extract():
        """Write translations/<domain>.pot from the code, templates and format files."""
        for domain, config in DOMAINS.items():
            _pybabel(
                "extract",
                "-F",
                config,
                "-k",
                "_l",
                "-k",
                "lazy_gettext",
                "--no-wrap",
                "--sort-by-file",
                "-c",
                "Translators:",
                "--project",
                "ORT",
                "-o",
                f"translations/{domain}.pot",
                ".",
            )

    @translations.command("update")
    def update():
        """Merge new strings into every language's catalogs (creating missing ones)."""
        for domain in DOMAINS:
            for lang in LANGUAGES:
                po = PROJECT_ROOT / "translations" / lang / "LC_MESSAGES" / f"{domain}.po"
                verb = "update" if po.exists() else "init"
                _pybabel(
                    verb,
                    "-D",
                    domain,
                    "-i",
                    f"translations/{domain}.pot",
                    "-d",
                    "translations",
                    "-l",
                    lang,
                    "--no-wrap",
                )

    @translations.command("compile")
    def compile_():
        """Compile .po into .mo (done by bin/setup)."""
        for domain in DOMAINS:
            _pybabel("compile", "-D", domain, "-d", "translations", "--statistics")
