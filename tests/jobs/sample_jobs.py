"""Job kinds for the tests only (the test worker imports this module with -I): an export
that stops for a long time after some rows on its first run (to be killed there), and a
job that breaks with an unexpected error."""

import os
import time
from pathlib import Path

from reporting.jobs.engine import runner
from reporting.jobs.exports import write_export_job


class _Pausing:
    """A progress that sleeps once `pause_after` rows are written, the first time only."""

    def __init__(self, progress, pause_after: int, first: bool):
        self.progress, self.pause_after, self.first = progress, pause_after, first

    def __getattr__(self, name):
        return getattr(self.progress, name)

    def add(self, units: int = 1) -> None:
        self.progress.add(units)
        if self.first and self.progress.done == self.pause_after:
            self.progress.flush()
            time.sleep(60)  # killed while it sleeps


@runner("test_pausing_export")
def pausing_export(parameters, out, progress):
    marker = Path(parameters["marker"])
    first = not marker.exists()
    with marker.open("a") as f:
        f.write(f"{os.getpid()}\n")
    return write_export_job(parameters, out, _Pausing(progress, parameters["pause_after"], first))


@runner("test_broken")
def broken(parameters, out, progress):
    out.write(b"half")
    raise RuntimeError("secret internal detail /srv/ort/traceback")
