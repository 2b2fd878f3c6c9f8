"""compose.yaml, the Dockerfile and .dockerignore describe a deployment that can work:
every service is there, every command names a real module, file and `flask ort` command,
every variable is one the app reads, the image runs as a user with the PDFs' fonts.
(No Docker daemon here, and no `docker compose` plugin: the files are read as Docker reads
them; tests/deploy/test_compose_run.py runs the services' commands.)
"""

import ast
import fnmatch
import re

import pytest

from reporting.cli import ort
from reporting.pdf.fonts import FONT_FILES

from .deployfiles import (
    COMPOSE_FILE,
    ROOT,
    command,
    environment,
    load_compose,
    load_dockerfile,
    variables,
    volume_mounts,
)

ORT_SERVICES = ("init", "app", "worker", "scheduler")
#: Where the app's configuration variables are read or documented.
KNOWN_VARIABLES = "\n".join(
    (ROOT / name).read_text() for name in ("reporting/config.py", "gunicorn.conf.py", "README.md")
)


@pytest.fixture(scope="module")
def compose():
    return load_compose()


@pytest.fixture(scope="module")
def dockerfile():
    return load_dockerfile()


def test_every_service_is_there_with_its_image(compose):
    services = compose["services"]
    assert set(services) >= {*ORT_SERVICES, "postgres", "redis"}
    assert services["postgres"]["image"].split(":")[1].startswith("15")
    assert services["redis"]["image"].split(":")[1].startswith("7")
    images = {services[name]["image"] for name in ORT_SERVICES}
    assert len(images) == 1, "one image for every ORT service"
    assert all(services[name]["build"] == "." for name in ORT_SERVICES)


def test_databases_keep_their_data_on_volumes_and_have_healthchecks(compose):
    for name, data_dir in (("postgres", "/var/lib/postgresql/data"), ("redis", "/data")):
        service = compose["services"][name]
        mounts = volume_mounts(service)
        assert data_dir in mounts.values() and set(mounts) <= set(compose["volumes"])
        assert service["healthcheck"]["test"]


def test_the_ort_services_start_after_the_databases_and_the_init(compose):
    services = compose["services"]
    assert all(
        services["init"]["depends_on"][name]["condition"] == "service_healthy"
        for name in ("postgres", "redis")
    )
    for name in ("app", "worker", "scheduler"):
        assert services[name]["depends_on"]["init"]["condition"] == "service_completed_successfully"
    assert services["init"]["restart"] == "no"


def test_the_init_migrates_seeds_and_loads_the_demo_with_real_commands(compose):
    script = command(compose["services"]["init"])[-1]
    steps = re.findall(r"flask --app (\S+) ort ([\w-]+)", script)
    assert [step for _, step in steps] == ["init", "demo"]
    assert all((ROOT / f"{module}.py").is_file() for module, _ in steps)
    assert {"init", "demo"} <= set(ort.commands)
    # The demo can be left out: the production switch the operations guide documents.
    without_demo = load_compose({"ORT_DEMO_DATA": "0"})
    assert '[ "0" = 1 ]' in command(without_demo["services"]["init"])[-1]


def _defines(module_file, name):
    tree = ast.parse((ROOT / module_file).read_text())
    return any(
        isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets)
        for node in tree.body
    )


def test_the_app_serves_the_wsgi_app_through_gunicorn_conf(compose, dockerfile):
    app = compose["services"]["app"]
    cmd = command(app)
    assert cmd[0] == "gunicorn" and cmd[cmd.index("-c") + 1] == "gunicorn.conf.py"
    module, attr = cmd[-1].split(":")
    assert (ROOT / "gunicorn.conf.py").is_file() and _defines(f"{module}.py", attr)
    assert cmd == dockerfile.exec_form("CMD"), "compose runs the image's own command"
    env = environment(app)
    assert env["HOST"] == "0.0.0.0" == dockerfile.env()["HOST"]
    assert int(env["WORKERS"]) > 1
    published = [p.split(":")[-1] for p in app["ports"]]
    assert published == [env["PORT"]] == [dockerfile.env()["PORT"]]


def test_workers_and_one_scheduler_run_the_celery_app(compose):
    services = compose["services"]
    assert _defines("reporting/tasks/worker.py", "celery")
    for name, subcommand in (("worker", "worker"), ("scheduler", "beat")):
        cmd = command(services[name])
        assert cmd[:4] == ["celery", "-A", "reporting.tasks.worker", subcommand]
    worker = command(services["worker"])
    assert "-B" not in worker and "--beat" not in worker, "the scheduler runs on its own"
    assert "replicas" not in services["scheduler"].get("deploy", {})
    scheduler = command(services["scheduler"])
    schedule = scheduler[scheduler.index("--schedule") + 1]
    assert schedule.startswith(load_dockerfile().env()["ORT_INSTANCE_PATH"] + "/")


def test_every_ort_service_shares_the_files_volume_and_the_configuration(compose):
    services = compose["services"]
    reference = environment(services["app"])
    attachments, jobs = reference["ORT_ATTACHMENT_DIR"], reference["ORT_JOB_DIR"]
    for name in ORT_SERVICES:
        env, mounts = environment(services[name]), volume_mounts(services[name])
        assert mounts and set(mounts) <= set(compose["volumes"])
        (target,) = mounts.values()
        assert attachments.startswith(target + "/") and jobs.startswith(target + "/")
        for key in (
            "DATABASE_URL",
            "REDIS_URL",
            "SECRET_KEY",
            "ORT_ATTACHMENT_DIR",
            "ORT_JOB_DIR",
            "ORT_TRUSTED_PROXIES",
        ):
            assert env[key] == reference[key], (name, key)
    assert reference["DATABASE_URL"].startswith("postgresql://")
    assert "@postgres:5432/" in reference["DATABASE_URL"]
    assert reference["REDIS_URL"].startswith("redis://redis:6379/")


def test_every_variable_is_one_the_app_reads(compose, dockerfile):
    names = set(dockerfile.env()) - {"PATH", "PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE"}
    for name in ORT_SERVICES:
        names |= set(environment(compose["services"][name]))
    unknown = sorted(n for n in names if not re.search(rf"\b{n}\b", KNOWN_VARIABLES))
    assert not unknown, f"not in reporting/config.py, gunicorn.conf.py or README.md: {unknown}"


def test_the_secret_key_is_a_visible_placeholder_unless_set():
    assert "CHANGE-ME" in environment(load_compose()["services"]["app"])["SECRET_KEY"]
    env = environment(load_compose({"SECRET_KEY": "s3cret"})["services"]["worker"])
    assert env["SECRET_KEY"] == "s3cret"


def test_every_compose_variable_is_documented():
    guide = (ROOT / "docs" / "operations.md").read_text()
    names = variables(COMPOSE_FILE.read_text())
    assert {"SECRET_KEY", "POSTGRES_PASSWORD", "ORT_TRUSTED_PROXIES", "ORT_DEMO_DATA"} <= names
    assert not sorted(n for n in names if f"`{n}`" not in guide)
    example = (ROOT / ".env.example").read_text()
    listed = set(re.findall(r"^([A-Z_][A-Z0-9_]*)=", example, re.M))
    assert listed <= names and {"SECRET_KEY", "POSTGRES_PASSWORD"} <= listed


def test_the_image_is_python_311_slim_running_as_a_user(dockerfile):
    assert all(image.startswith("python:3.11-slim") for image in dockerfile.base_images())
    users = dockerfile.all("USER")
    assert users and users[-1] not in ("root", "0")
    order = [name for name, _ in dockerfile.final]
    assert order.index("USER") < order.index("CMD")
    assert re.search(rf"useradd [^&]*\b{users[-1]}\b", " ".join(dockerfile.all("RUN")))


def test_the_image_has_the_fonts_of_every_script(dockerfile):
    installs = " ".join(r for r in dockerfile.all("RUN") if "apt-get install" in r)
    assert {font.package for font in FONT_FILES} <= set(installs.split())
    assert "postgresql-client" in installs.split(), "pg_dump for `ort backup`"


def test_the_image_installs_the_requirements_and_compiles_every_catalog():
    text = (ROOT / "Dockerfile").read_text()
    assert "pip install -r /app/requirements.txt" in text
    domains = {pot.stem for pot in (ROOT / "translations").glob("*.pot")}
    assert domains == {"messages", "questionnaire"}
    for domain in domains:
        assert f"pybabel compile -d translations -D {domain}" in text
    # Fingerprinted static files are made in the image (init runs in another container).
    assert "flask --app app digest compile" in text


def test_the_image_checks_its_health_and_keeps_data_out_of_the_code(dockerfile):
    (check,) = dockerfile.all("HEALTHCHECK")
    assert "/healthz" in check and "PORT" in check
    env = dockerfile.env()
    for name in ("ORT_INSTANCE_PATH", "ORT_ATTACHMENT_DIR", "ORT_JOB_DIR"):
        assert not env[name].startswith("/app"), name
        assert env[name] in " ".join(dockerfile.all("RUN")), f"{name} is created for the user"
    for source in (r.split()[0] for r in dockerfile.all("COPY") if not r.startswith("--")):
        assert (ROOT / source).exists()


def _ignored(path, patterns):
    return any(
        fnmatch.fnmatch(path, p)
        or fnmatch.fnmatch(path, p.removeprefix("**/"))
        or path.startswith(p.rstrip("/") + "/")
        for p in patterns
    )


def test_dockerignore_keeps_out_local_state_and_keeps_in_the_code():
    patterns = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    for local in (
        ".venv",
        ".git",
        "instance",
        ".env",
        "reporting/__pycache__/x.pyc",
        ".ci/node_modules",
        "translations/fr/LC_MESSAGES/messages.mo",
    ):
        assert _ignored(local, patterns), local
    needed = [
        "app.py",
        "gunicorn.conf.py",
        "requirements.txt",
        "babel.cfg",
        "translations/fr/LC_MESSAGES/messages.po",
        "translations/messages.pot",
        "migrations/env.py",
        "reporting/__init__.py",
        "forms/__init__.py",
        "schemas/__init__.py",
        "reporting/questionnaire/formats/minamata-2023.yaml",
        "reporting/static",
        "reporting/templates/base.html",
    ]
    assert all((ROOT / path).exists() for path in needed)
    assert not [path for path in needed if _ignored(path, patterns)]
