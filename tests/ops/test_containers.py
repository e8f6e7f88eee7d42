"""The container set-up: one image for every command (Dockerfile) and Trellis with PostgreSQL and Redis
(compose.yaml), checked as written; the image is built only where a Docker daemon answers."""

import json
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text())
SERVICES = COMPOSE["services"]
DOCKERFILE = (ROOT / "Dockerfile").read_text()
SLACK_VARIABLES = (
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_CLIENT_ID",
    "SLACK_CLIENT_SECRET",
    "SLACK_STATE_SECRET",
    "TRELLIS_ENCRYPTION_KEY",
)
TRELLIS = ("migrate", "serve", "worker")


def docker(*args: str, timeout: float = 30) -> subprocess.CompletedProcess | None:
    """The docker CLI's answer, or None where there is no docker CLI."""
    if shutil.which("docker") is None:
        return None
    return subprocess.run(["docker", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def compose_command() -> list[str] | None:
    """Docker Compose v2 (`docker compose`), else v1 (`docker-compose`), else None."""
    plugin = docker("compose", "version")
    if plugin is not None and plugin.returncode == 0:
        return ["docker", "compose"]
    return ["docker-compose"] if shutil.which("docker-compose") else None


def test_compose_yaml_is_a_valid_compose_file():
    """The Compose Specification's own schema, vendored beside this test; and `config` where Compose is here."""
    schema = json.loads((Path(__file__).parent / "compose-spec.json").read_text())
    jsonschema.Draft7Validator(schema).validate(COMPOSE)  # its $schema: draft 7
    if (compose := compose_command()) is not None:
        checked = subprocess.run([*compose, "-f", "compose.yaml", "config", "--quiet"], cwd=ROOT, capture_output=True)
        assert checked.returncode == 0, checked.stderr


def test_migrate_runs_to_completion_before_serve_and_worker_start():
    assert SERVICES["migrate"]["command"] == ["migrate"]
    assert SERVICES["migrate"]["restart"] == "no"
    assert SERVICES["migrate"]["depends_on"]["postgres"] == {"condition": "service_healthy"}
    for name in ("serve", "worker"):
        needs = SERVICES[name]["depends_on"]
        assert SERVICES[name]["command"] == [name]
        assert needs["migrate"] == {"condition": "service_completed_successfully"}
        assert needs["postgres"] == needs["redis"] == {"condition": "service_healthy"}


def test_postgres_redis_and_serve_have_health_checks():
    assert "pg_isready" in " ".join(SERVICES["postgres"]["healthcheck"]["test"])
    assert SERVICES["redis"]["healthcheck"]["test"][-2:] == ["redis-cli", "ping"]
    serve_check = " ".join(SERVICES["serve"]["healthcheck"]["test"])
    assert "urllib.request" in serve_check and "127.0.0.1:3000/healthz" in serve_check


def test_serve_worker_and_migrate_run_the_same_image_with_the_same_settings():
    images = {(SERVICES[name]["image"], SERVICES[name].get("build")) for name in TRELLIS}
    assert len(images) == 1
    for name in TRELLIS:
        env = SERVICES[name]["environment"]
        assert all(env[variable] == f"${{{variable}:-}}" for variable in SLACK_VARIABLES)
        assert "@postgres:5432/" in env["DATABASE_URL"] and env["DATABASE_URL"].startswith("postgresql://")
        assert env["REDIS_URL"].startswith("redis://redis:6379/")
    assert SERVICES["serve"]["ports"] == ["${PORT:-3000}:3000"]


def test_the_image_runs_trellis_as_a_user_of_its_own():
    stages = re.findall(r"^FROM (\S+)", DOCKERFILE, flags=re.M)
    assert stages and all(stage == "python:3.11-slim" for stage in stages)
    [user] = re.findall(r"^USER (\S+)", DOCKERFILE, flags=re.M)
    assert user.split(":")[0] not in ("root", "0")
    assert DOCKERFILE.index("USER ") > DOCKERFILE.rindex("FROM ")  # in the stage that runs
    assert 'ENTRYPOINT ["trellis"]' in DOCKERFILE
    assert all("--no-cache-dir" in line for line in re.findall(r"^RUN .*pip install.*$", DOCKERFILE, flags=re.M))


def test_the_image_gets_every_package_trellis_installs():
    packages = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]["find"]
    copied = set(re.findall(r"^COPY (\w+) ", DOCKERFILE, flags=re.M))
    assert {pattern.rstrip("*") for pattern in packages["include"]} <= copied
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert not copied & set(ignored) and {".git", ".venv", ".env"} <= set(ignored)


def test_the_image_builds_and_its_entrypoint_is_trellis():
    answer = docker("info", "--format", "{{.ServerVersion}}")
    if answer is None or answer.returncode != 0:
        pytest.skip("no Docker daemon answers here, so the image is not built (compose.yaml is checked above)")
    built = docker("build", "--tag", "trellis:test", ".", timeout=900)
    assert built.returncode == 0, built.stderr[-3000:]
    usage = docker("run", "--rm", "trellis:test", "--help")
    assert usage.returncode == 0 and "serve" in usage.stdout and "worker" in usage.stdout
    whoami = docker("run", "--rm", "--entrypoint", "id", "trellis:test", "-u")
    assert whoami.stdout.strip() not in ("", "0")
