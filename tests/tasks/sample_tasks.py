"""A task for the tests only (the test workers import it with `-I`): it notes each run in
a file and, the first time, sleeps long enough to be killed."""

import os
import time
from pathlib import Path

from celery import shared_task


@shared_task(name="tests.tasks.nap")
def nap(marker: str, seconds: float) -> int:
    path = Path(marker)
    runs = path.read_text().split() if path.exists() else []
    with path.open("a") as f:
        f.write(f"{os.getpid()}\n")
    if not runs:
        time.sleep(seconds)  # the first run is killed while it sleeps
    return len(runs) + 1
