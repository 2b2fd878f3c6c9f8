"""Real worker processes for the tests: `celery -A reporting.tasks.worker worker`, the
command `bin/run` starts, with the configuration given in the environment."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]


class Worker:
    def __init__(
        self,
        env: dict,
        log_dir: Path,
        pool: str = "prefork",
        imports: tuple[str, ...] = ("tests.tasks.sample_tasks",),
    ):
        self.env, self.pool, self.imports = env, pool, imports
        self.log = log_dir / f"worker-{uuid.uuid4().hex[:8]}.log"
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> Worker:
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "reporting.tasks.worker",
            "worker",
            "--pool",
            self.pool,
            "--concurrency",
            "1",
            "-Q",
            self.env["ORT_TASK_QUEUE"],
            "-n",
            f"test-{uuid.uuid4().hex[:8]}@%h",
            "--loglevel",
            "INFO",
            "--logfile",
            str(self.log),
            "-I",
            ",".join(self.imports),
            "--without-mingle",
            "--without-gossip",
            "--without-heartbeat",
        ]
        self.process = subprocess.Popen(
            command,
            cwd=PROJECT_ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"the worker exited ({self.process.returncode}):\n{self.output()}"
                )
            if " ready." in self.output():
                return self
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"the worker did not start in {timeout} s:\n{self.output()}")

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def kill(self) -> None:
        """SIGKILL: the worker gets no chance to give its messages back."""
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
