# syntax=docker/dockerfile:1
# ORT's image: the web app (gunicorn, the default command), the task-queue worker and its
# scheduler (same image, another command; see compose.yaml and docs/operations.md).
# Debian 12 (bookworm): its postgresql-client 15 matches the PostgreSQL of compose.yaml
# for `flask ort backup` / `ort restore`.
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# Build: the dependencies into a virtual environment, the translation catalogs compiled.
FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY requirements.txt /app/requirements.txt
RUN pip install -r /app/requirements.txt
WORKDIR /app
COPY . /app
# The fingerprinted copies of the static files (cached a year by browsers) are made here:
# the code is read-only at run time, and `init` runs in a container of its own.
RUN pybabel compile -d translations -D messages \
 && pybabel compile -d translations -D questionnaire \
 && ORT_INSTANCE_PATH=/tmp/ort-build SECRET_KEY=build-only flask --app app digest compile \
 && rm -rf /tmp/ort-build \
 && python -m compileall -q app.py gunicorn.conf.py reporting forms schemas migrations

# Run: Python, the fonts the PDFs need for every UN script (reporting/pdf/fonts.py), the
# PostgreSQL client tools for backups; the code read-only, the data in /var/lib/ort.
FROM ${PYTHON_IMAGE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-dejavu-core fonts-wqy-zenhei postgresql-client \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 ort \
 && useradd --system --uid 10001 --gid ort --home-dir /var/lib/ort --shell /usr/sbin/nologin ort \
 && mkdir -p /var/lib/ort/instance /srv/ort/attachments /srv/ort/jobs \
 && chown -R ort:ort /var/lib/ort /srv/ort
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
WORKDIR /app
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    HOST=0.0.0.0 \
    PORT=8000 \
    ORT_INSTANCE_PATH=/var/lib/ort/instance \
    ORT_ATTACHMENT_DIR=/srv/ort/attachments \
    ORT_JOB_DIR=/srv/ort/jobs
USER ort
EXPOSE 8000
# Alive: the process answers and reaches its database (503 otherwise: unhealthy).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), timeout=4)"]
# No control socket: nothing in a container talks to it (gunicorn 27 would write one
# into the home folder).
CMD ["gunicorn", "--no-control-socket", "-c", "gunicorn.conf.py", "app:app"]
