"""Reading compose.yaml and the Dockerfile as Docker would, for machines without Docker:
compose's variable interpolation, the Dockerfile's instructions of the final stage, and
the mapping of container paths onto a temporary folder (one folder per named volume, so
services that share a volume share the folder; one per service for the rest).
"""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "compose.yaml"
DOCKERFILE = ROOT / "Dockerfile"

_VARIABLE = re.compile(
    r"\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}"
    r"|([A-Za-z_][A-Za-z0-9_]*))"
)


def interpolate(value, env: dict[str, str]):
    """Compose's interpolation of every string in `value` ($$, $VAR, ${VAR}, ${VAR:-x},
    ${VAR-x}, ${VAR:?message}), with the variables of `env`."""
    if isinstance(value, dict):
        return {k: interpolate(v, env) for k, v in value.items()}
    if isinstance(value, list):
        return [interpolate(v, env) for v in value]
    if not isinstance(value, str):
        return value

    def replace(match):
        if match.group(0) == "$$":
            return "$"
        name = match.group(1) or match.group(4)
        operator, argument = match.group(2), match.group(3) or ""
        current = env.get(name)
        if operator == ":-":
            return current if current else argument
        if operator == "-":
            return argument if current is None else current
        if operator in (":?", "?") and not current:
            raise ValueError(f"{name}: {argument}")
        return current or ""

    return _VARIABLE.sub(replace, value)


def variables(text: str) -> set[str]:
    """The names of the variables a compose file interpolates."""
    return {m.group(1) or m.group(4) for m in _VARIABLE.finditer(text) if m.group(0) != "$$"}


def load_compose(env: dict[str, str] | None = None) -> dict:
    """compose.yaml with its anchors merged and its variables interpolated (from `env`;
    none by default, so the defaults written in the file apply)."""
    return interpolate(yaml.safe_load(COMPOSE_FILE.read_text()), env or {})


def environment(service: dict) -> dict[str, str]:
    """A service's `environment`, as a mapping (compose allows a list of KEY=VALUE)."""
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {k: "" if v is None else str(v) for k, v in env.items()}


def command(service: dict) -> list[str]:
    cmd = service["command"]
    return shlex.split(cmd) if isinstance(cmd, str) else [str(part) for part in cmd]


def volume_mounts(service: dict) -> dict[str, str]:
    """Named volume -> mount point in the container."""
    mounts = {}
    for item in service.get("volumes") or []:
        source, target = (
            item.split(":")[:2] if isinstance(item, str) else (item["source"], item["target"])
        )
        mounts[source] = target
    return mounts


@dataclass
class Dockerfile:
    """The instructions of a Dockerfile: every stage's FROM, and the final stage's own."""

    froms: list[str] = field(default_factory=list)
    final: list[tuple[str, str]] = field(default_factory=list)
    args: dict[str, str] = field(default_factory=dict)

    def all(self, instruction: str) -> list[str]:
        return [rest for name, rest in self.final if name == instruction]

    def exec_form(self, instruction: str) -> list[str]:
        return json.loads(self.all(instruction)[-1])

    def env(self) -> dict[str, str]:
        values = {}
        for rest in self.all("ENV"):
            for item in shlex.split(rest):
                name, _, value = item.partition("=")
                values[name] = value
        return values

    def base_images(self) -> list[str]:
        """The image each stage starts from, its ARG default substituted."""
        return [interpolate(f.split()[0], self.args) for f in self.froms]


def load_dockerfile(path: Path = DOCKERFILE) -> Dockerfile:
    lines, pending = [], ""
    for raw in path.read_text().splitlines():
        if not pending and raw.lstrip().startswith("#"):
            continue
        if raw.rstrip().endswith("\\"):
            pending += raw.rstrip()[:-1] + " "
            continue
        if (pending + raw).strip():
            lines.append((pending + raw).strip())
        pending = ""
    parsed = Dockerfile()
    for line in lines:
        name, _, rest = line.partition(" ")
        name, rest = name.upper(), rest.strip()
        if name == "ARG" and not parsed.froms:
            key, _, default = rest.partition("=")
            parsed.args[key] = default
        elif name == "FROM":
            parsed.froms.append(rest)
            parsed.final = []
        else:
            parsed.final.append((name, rest))
    return parsed


class ContainerPaths:
    """Where a container path lives on this machine: named volumes under `root/volumes`
    (shared by the services mounting them), the rest under `root/containers/<service>`."""

    def __init__(self, root: Path, service_name: str, service: dict, code_dir: str):
        self.root, self.name, self.code_dir = root, service_name, code_dir
        self.mounts = volume_mounts(service)

    def local(self, path: str) -> str:
        if path == self.code_dir or path.startswith(self.code_dir + "/"):
            return str(ROOT / path[len(self.code_dir) :].lstrip("/"))
        for volume, target in self.mounts.items():
            if path == target or path.startswith(target + "/"):
                return str(self.root / "volumes" / volume / path[len(target) :].lstrip("/"))
        return str(self.root / "containers" / self.name / path.lstrip("/"))

    def map(self, value: str) -> str:
        return self.local(value) if value.startswith("/") else value
