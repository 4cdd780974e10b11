"""What an operator deploys, checked without Docker (no engine runs here): docker-compose.yml,
.env.example, the reverse proxy's and Prometheus's files in deploy/, and the guides' links and
commands, each against the code it must agree with (the settings, the paths `troly run`
serves, the metrics it exposes); and the image's install steps, run in a fresh virtual
environment as the Dockerfile runs them."""

from __future__ import annotations

import inspect
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from prometheus_client import CollectorRegistry

from bot import runner
from bot.config import PREFIX, Settings
from bot.metrics import Metrics

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / ".env.example"
DEPLOY = ROOT / "deploy"
GUIDE = ROOT / "docs" / "huong-dan-van-hanh.md"
SCALE = "scale"
INSTANCES = ("troly-1", "troly-2")
PORT = Settings.model_fields["listen_port"].default
ENV_LINE = re.compile(r"^(#\s*)?(TROLY_[A-Z0-9_]+)=(.*)$")
SECRETS = ("telegram_token", "zalo_token", "webhook_secret")
PROMETHEUS_OWN = {"up"}  # what Prometheus itself records of each scrape
INSTALL_TIMEOUT = 900  # seconds: a fresh environment downloads every dependency


# -- docker-compose.yml ---------------------------------------------------------------------

def compose() -> dict[str, Any]:
    loaded = yaml.safe_load(COMPOSE.read_text("utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def services() -> dict[str, dict[str, Any]]:
    found = compose()["services"]
    assert isinstance(found, dict)
    return found


def environment(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment", {})
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {str(key): str(value) for key, value in env.items()}


def needs(service: dict[str, Any]) -> dict[str, str]:
    """What a service waits for: dependency -> condition."""
    depends = service.get("depends_on", {})
    if isinstance(depends, list):
        return dict.fromkeys(depends, "service_started")
    return {name: spec.get("condition", "service_started") for name, spec in depends.items()}


def interpolated(value: str) -> str:
    """``value`` as compose reads it: ``${NAME:-default}`` is the default, any other variable
    an example value."""
    def one(found: re.Match[str]) -> str:
        name, rule, rest = found.group(1), found.group(2) or "", found.group(3) or ""
        if rule.lstrip(":").startswith("-"):
            return rest
        return f"example{name.lower().replace('_', '')}"
    return re.sub(r"\$\{(\w+)(?:(:?[-?])([^}]*))?\}", one, value)


def test_compose_runs_one_assistant_on_postgresql_by_default() -> None:
    found = services()
    assert {"db", "troly"} <= set(found)
    db, troly = found["db"], found["troly"]
    assert "profiles" not in db and "profiles" not in troly  # `docker compose up` starts both
    assert str(db["image"]).startswith("postgres:16")
    assert "pg_isready" in " ".join(map(str, db["healthcheck"]["test"]))
    mounts = [str(volume) for volume in db["volumes"]]
    assert "troly-db:/var/lib/postgresql/data" in mounts
    assert "troly-db" in compose()["volumes"]  # a named volume, kept across re-creations
    assert needs(troly) == {"db": "service_healthy"}
    assert troly["build"] == "."
    assert "env_file" in troly and ".env" in str(troly["env_file"])
    assert any(str(v).split(":")[-1] == "/data" for v in troly["volumes"])
    assert any(str(port).endswith(f":{PORT}") for port in troly["ports"])


def test_the_assistant_reaches_the_database_service_with_a_url_it_accepts() -> None:
    found = services()
    for name in ("troly", *INSTANCES):
        env = environment(found[name])
        url = interpolated(env["TROLY_DATABASE_URL"])
        settings = Settings(database_url=url, _env_file=None)
        assert settings.database_url.startswith("postgresql+asyncpg://")
        assert "@db:5432/" in url, name
        assert "TROLY_LISTEN_PORT" not in env  # the proxy and Prometheus expect the default
    db_env = environment(found["db"])
    url = environment(found["troly"])["TROLY_DATABASE_URL"]
    assert f"//{db_env['POSTGRES_USER']}:" in url and url.endswith(f"/{db_env['POSTGRES_DB']}")
    assert "${POSTGRES_PASSWORD" in url and "${POSTGRES_PASSWORD" in db_env["POSTGRES_PASSWORD"]


def test_the_scale_profile_runs_two_instances_behind_the_proxy() -> None:
    found = services()
    scaled = {name for name, service in found.items() if SCALE in service.get("profiles", [])}
    assert scaled == {*INSTANCES, "proxy"}
    for name in INSTANCES:
        instance = found[name]
        assert instance["build"] == found["troly"]["build"]
        assert instance.get("image") == found["troly"].get("image")
        assert needs(instance)["db"] == "service_healthy"
        env = environment(instance)
        assert interpolated(env["TROLY_PUBLIC_URL"]).startswith("https://")
        # One secret for all: unset, each would make its own and refuse the other's calls.
        assert "${TROLY_WEBHOOK_SECRET" in env["TROLY_WEBHOOK_SECRET"]
        assert "ports" not in instance  # reached through the proxy only
    # The first start migrates and seeds an empty database: not two at once.
    assert needs(found["troly-2"])["troly-1"] == "service_healthy"
    proxy = found["proxy"]
    assert str(proxy["image"]).startswith("caddy:2")
    assert set(needs(proxy)) == set(INSTANCES)
    assert any(str(port).startswith("443:") for port in proxy["ports"])
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in proxy["volumes"]


# -- .env.example ---------------------------------------------------------------------------

def env_lines() -> list[tuple[bool, str, str]]:
    """(commented out, name, value) of each TROLY_ assignment in .env.example."""
    found = []
    for line in ENV_EXAMPLE.read_text("utf-8").splitlines():
        match = ENV_LINE.match(line.strip())
        if match is not None:
            found.append((match.group(1) is not None, match.group(2), match.group(3).strip()))
    return found


def setting_names() -> dict[str, str]:
    """Each setting's environment name -> its field."""
    return {f"{PREFIX}{name.upper()}": name for name in Settings.model_fields}


def test_env_example_lists_every_setting_once_and_nothing_else() -> None:
    names = [name for _, name, _ in env_lines()]
    assert len(names) == len(set(names)), "a setting listed twice"
    assert set(names) == set(setting_names())


def test_env_example_shows_each_default_and_no_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    fields = setting_names()
    for variable in list(os.environ):
        if variable.startswith(PREFIX):
            monkeypatch.delenv(variable)
    for _, name, value in env_lines():
        field = fields[name]
        default = Settings.model_fields[field].default
        if field in SECRETS:
            assert value == "", f"{name} holds a value"
        if value == "":
            assert default in (None, []), f"{name} shows no default"
            continue
        with monkeypatch.context() as env:
            env.setenv(name, value)
            assert getattr(Settings(_env_file=None), field) == default, name


def test_env_example_as_it_is_is_a_valid_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in list(os.environ):
        if variable.startswith(PREFIX):
            monkeypatch.delenv(variable)
    # An empty value is a wrong one (a token "" is refused): a line left on is never empty.
    assert all(value for commented, _, value in env_lines() if not commented)
    Settings(_env_file=ENV_EXAMPLE)
    assert "POSTGRES_PASSWORD=" in ENV_EXAMPLE.read_text("utf-8")  # compose's own variable


# -- the reverse proxy and Prometheus ---------------------------------------------------------

def test_runner_serves_the_paths_the_deployment_uses() -> None:
    source = inspect.getsource(runner.run)
    assert 'add_get("/healthz"' in source and 'add_get("/metrics"' in source
    assert runner.TELEGRAM_PATH == "/webhook/telegram" and runner.ZALO_PATH == "/webhook/zalo"


def caddy_blocks(text: str) -> Iterator[tuple[str, str]]:
    """(opening line, body) of each ``handle`` block of the Caddyfile."""
    for match in re.finditer(r"^\s*(handle[^\n{]*)\{(.*?)^\t\}", text, re.M | re.S):
        yield match.group(1).strip(), match.group(2)


def test_proxy_sends_the_webhooks_round_robin_to_both_instances() -> None:
    text = (DEPLOY / "Caddyfile").read_text("utf-8")
    (paths,) = re.findall(r"@webhooks path (.+)", text)
    assert set(paths.split()) == {runner.TELEGRAM_PATH, runner.ZALO_PATH}
    blocks = dict(caddy_blocks(text))
    webhooks = blocks["handle @webhooks"]
    (upstreams,) = re.findall(r"reverse_proxy ([^{\n]+)\{", webhooks)
    assert set(upstreams.split()) == {f"{name}:{PORT}" for name in INSTANCES}
    assert "lb_policy round_robin" in webhooks and "lb_try_duration" in webhooks
    assert "reverse_proxy" not in blocks["handle /metrics"]  # scraped inside, never public
    assert "{$PROXY_DOMAIN" in text
    assert "PROXY_DOMAIN" in environment(services()["proxy"])


def exposed(registry: CollectorRegistry) -> set[str]:
    """Every sample name the registry can expose, whether or not a labelled child exists."""
    suffixes = {"counter": ("_total", "_created"), "gauge": ("",), "info": ("_info",),
                "histogram": ("_bucket", "_count", "_sum", "_created"),
                "summary": ("", "_count", "_sum", "_created")}
    names: set[str] = set()
    for family in registry.collect():
        names.update(f"{family.name}{suffix}" for suffix in suffixes.get(family.type, ("",)))
        names.update(sample.name for sample in family.samples)
    return names


def label_names(metrics: Metrics) -> dict[str, set[str]]:
    """Each metric's sample names -> the labels it carries (Prometheus adds job, instance)."""
    found: dict[str, set[str]] = {}
    for metric in vars(metrics).values():
        labels = getattr(metric, "_labelnames", None)
        name = getattr(metric, "_name", None)
        if labels is None or name is None:
            continue
        for family in metric.describe():
            for suffix in ("", "_total", "_bucket", "_count", "_sum"):
                found[f"{family.name}{suffix}"] = {*labels, "job", "instance", "le"}
    return found


def test_alert_rules_use_only_metrics_troly_exposes() -> None:
    metrics = Metrics()
    names = exposed(metrics.registry)
    labels = label_names(metrics)
    rules = [rule for group in yaml.safe_load((DEPLOY / "alerts.yml").read_text("utf-8"))
             ["groups"] for rule in group["rules"]]
    assert rules
    used: set[str] = set()
    for rule in rules:
        assert rule["alert"] and rule["labels"]["severity"] in ("warning", "critical")
        assert rule["annotations"]["summary"], rule["alert"]
        expression = str(rule["expr"])
        found = set(re.findall(r"\b(troly_[a-z0-9_]+)\b", expression))
        found |= PROMETHEUS_OWN & set(re.findall(r"\b([a-z_]+)\{", expression))
        assert found, rule["alert"]
        assert found <= names | PROMETHEUS_OWN, (rule["alert"], found - names)
        for metric, selector in re.findall(r"\b(troly_[a-z0-9_]+)\{([^}]*)\}", expression):
            for label in re.findall(r"(\w+)\s*(?:=~|!~|!=|=)", selector):
                assert label in labels[metric], (rule["alert"], metric, label)
        used |= found
    assert {"up", "troly_part_healthy", "troly_outbox_oldest_due_age_seconds",
            "troly_outbox_due", "troly_send_errors_total", "troly_planner_last_tick_age_seconds",
            "troly_message_handling_seconds_bucket"} <= used


def test_prometheus_scrapes_each_instance_directly_with_the_rules() -> None:
    config = yaml.safe_load((DEPLOY / "prometheus.yml").read_text("utf-8"))
    (job,) = [job for job in config["scrape_configs"] if job["job_name"] == "troly"]
    assert job.get("metrics_path", "/metrics") == "/metrics"
    targets = {target for group in job["static_configs"] for target in group["targets"]}
    assert targets == {f"{name}:{PORT}" for name in ("troly", *INSTANCES)}
    prometheus = services()["prometheus"]
    mounted = {str(v).split(":")[1]: str(v).split(":")[0] for v in prometheus["volumes"]}
    for rule_file in config["rule_files"]:
        assert mounted[rule_file] == "./deploy/alerts.yml"
    assert mounted["/etc/prometheus/prometheus.yml"] == "./deploy/prometheus.yml"


# -- the guides ------------------------------------------------------------------------------

def links(document: Path) -> list[str]:
    return [target for target in re.findall(r"\]\(([^)\s]+)\)", document.read_text("utf-8"))
            if not re.match(r"[a-z]+:", target) and not target.startswith("#")]


def test_every_docs_link_of_the_readme_and_the_guides_resolves() -> None:
    readme = links(ROOT / "README.md")
    assert [target for target in readme if target.startswith("docs/")]
    for document in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for target in links(document):
            path = (document.parent / target.split("#")[0]).resolve()
            assert path.exists(), f"{document.name}: {target}"


def test_messages_point_to_sections_the_operator_guide_has() -> None:
    headings = re.findall(r"^#+\s+(.+)$", GUIDE.read_text("utf-8"), re.M)
    sources = [*(ROOT / "handlers" / "texts").glob("*.py"), *(ROOT / "bot").rglob("*.py")]
    pointers = [found for source in sources for found in re.findall(
        r"docs/huong-dan-van-hanh\.md, mục ([^)\"]+)\)", source.read_text("utf-8"))]
    assert pointers
    for section in pointers:
        assert any(section in heading for heading in headings), section


OPTIONS_WITH_VALUES = {"-e", "--env", "-v", "--volume", "-u", "--user", "-w", "--workdir",
                       "--entrypoint", "-t", "--timeout", "--tail", "--scale", "--name"}
FIRST_ONLY = {"exec", "run"}  # the service, then its command
ALL_SERVICES = {"up", "stop", "start", "restart", "logs", "ps", "pull", "build", "rm", "kill",
                "create", "down"}


def compose_commands(document: Path) -> Iterator[list[str]]:
    text = document.read_text("utf-8").replace("\\\n", " ")
    for line in text.splitlines():
        line = line.strip().removeprefix("$ ")
        if line.startswith("docker compose "):
            command = re.split(r" (?:#|>|<|\||&&) ", line)[0]
            yield shlex.split(command)[2:]


def test_the_guides_compose_commands_name_real_services_and_profiles() -> None:
    found = services()
    profiles = {p for service in found.values() for p in service.get("profiles", [])}
    checked = 0
    for document in (ROOT / "README.md", GUIDE):
        for words in compose_commands(document):
            while words and words[0].startswith("-"):  # global options: --profile scale
                option = words.pop(0)
                if option == "--profile":
                    assert words.pop(0) in profiles, (document.name, option)
                elif option in ("-f", "-p", "--file", "--project-name"):
                    words.pop(0)
            if not words or words[0] not in FIRST_ONLY | ALL_SERVICES:
                continue
            command, rest, named = words[0], words[1:], []
            while rest:
                word = rest.pop(0)
                if word in OPTIONS_WITH_VALUES:
                    rest.pop(0)
                elif not word.startswith("-"):
                    named.append(word)
                    if command in FIRST_ONLY:
                        break
            for service in named:
                assert service in found, (document.name, command, service)
            checked += 1
    assert checked >= 5


# -- the image's install steps ----------------------------------------------------------------

def dockerfile_build_steps() -> tuple[list[tuple[list[str], str]], str]:
    """The build stage's COPY steps (sources, destination) and what its pip installs."""
    copies: list[tuple[list[str], str]] = []
    install, stages = "", 0
    for line in (ROOT / "Dockerfile").read_text("utf-8").splitlines():
        words = line.split()
        if not words:
            continue
        if words[0] == "FROM":
            stages += 1
            if stages > 1:
                break  # the runtime stage only copies the built environment
        elif words[0] == "COPY":
            copies.append((words[1:-1], words[-1]))
        elif words[0] == "RUN" and "pip" in line and " install " in line:
            install = words[-1]
    return copies, install


def copy_sources(copies: list[tuple[list[str], str]], folder: Path) -> None:
    """What the Dockerfile copies into its build folder, copied into ``folder``."""
    for names, destination in copies:
        into = destination.endswith("/") or len(names) > 1
        for name in names:
            origin = ROOT / name
            target = folder / destination / origin.name if into else folder / destination
            if origin.is_dir():
                shutil.copytree(origin, target, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(origin, target)


def clean_environment(tmp: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(PREFIX) and key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["TROLY_DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp / 'troly.sqlite3'}"
    env["TROLY_EXPORT_DIR"] = str(tmp / "exports")
    return env


def test_the_image_install_steps_work_in_a_fresh_environment(tmp_path: Path) -> None:
    copies, install = dockerfile_build_steps()
    assert copies and install == ".", "the Dockerfile installs the copied sources"
    source = tmp_path / "src"
    copy_sources(copies, source)
    assert (source / "pyproject.toml").is_file() and (source / "bot" / "cli.py").is_file()
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    installed = subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", install],
                               cwd=source, capture_output=True, text=True,
                               timeout=INSTALL_TIMEOUT)
    assert installed.returncode == 0, installed.stderr[-3000:]
    work = tmp_path / "run"  # away from the sources: what runs is what was installed
    work.mkdir()
    env = clean_environment(work)
    troly = str(venv / "bin" / "troly")

    helped = subprocess.run([troly, "--help"], cwd=work, env=env, capture_output=True,
                            text=True, timeout=120)
    assert helped.returncode == 0, helped.stderr
    assert "run" in helped.stdout and "backup" in helped.stdout
    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import bot; print(bot.__file__)"],
                           cwd=work, env=env, capture_output=True, text=True, timeout=120)
    assert where.stdout.strip().startswith(str(venv)), where.stdout
    # The bundled plans and the migrations are in the package, not only in the repository.
    checked = subprocess.run([troly, "check"], cwd=work, env=env, capture_output=True,
                             text=True, timeout=300)
    assert checked.returncode == 0, checked.stderr[-2000:]
    chatted = subprocess.run([troly, "chat", "--jsonl"], cwd=work, env=env, text=True,
                             input='{"from": "btg", "text": "/vaitro"}\n',
                             capture_output=True, timeout=300)
    assert chatted.returncode == 0, chatted.stderr[-2000:]
    assert "quản trị viên" in chatted.stdout
    assert (work / "troly.sqlite3").is_file()
