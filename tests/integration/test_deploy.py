"""The deployment files in deploy/: Dockerfile, compose, Kubernetes manifests.

No container engine or cluster is needed: the files are parsed and checked against the code
they deploy. The key check ties every environment variable name they mention to the settings
model, the one reader of the environment.
"""

from __future__ import annotations

import json
import re
import shlex
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
import yaml
from pydantic import AliasChoices, AliasPath, SecretStr

from bot.settings import Settings
from testkit.paths import ROOT

DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
DOCKERFILE = DEPLOY / "Dockerfile"
DOCKERIGNORE = DEPLOY / "Dockerfile.dockerignore"
COMPOSE = DEPLOY / "compose.yaml"
ENV_EXAMPLE = DEPLOY / ".env.example"

APP_UID = 10001
# The OAuth install flow's routes (multi-workspace distribution; bot/slack/app.py).
OAUTH_PATHS = ("/slack/install", "/slack/oauth_redirect")
APP_PORT = 3000
# The worker drain the shutdown budget must cover at the least (see _drain_seconds).
MIN_DRAIN_SECONDS = 30
# Names that must never be given a value in an image or a ConfigMap.
SECRETISH = re.compile(r"TOKEN|SECRET|PASSWORD|PASSWD|API_KEY|CREDENTIAL", re.IGNORECASE)
TOKEN_VALUE = re.compile(r"xox[abpr]-|xapp-|sk-ant-")


# -- the settings model: which environment variables exist ---------------------------------------


def _alias_names(alias: str | AliasChoices | AliasPath | None) -> set[str]:
    if alias is None:
        return set()
    if isinstance(alias, str):
        return {alias}
    if isinstance(alias, AliasPath):
        return {str(alias.path[0])}
    return set().union(*(_alias_names(choice) for choice in alias.choices))


def settings_env_names() -> set[str]:
    """Every variable name ``Settings`` reads, from its fields' aliases (or name and prefix)."""
    prefix = Settings.model_config.get("env_prefix") or ""
    names: set[str] = set()
    for name, field in Settings.model_fields.items():
        found = _alias_names(field.validation_alias) or _alias_names(field.alias)
        names |= found or {f"{prefix}{name}".upper()}
    return names


def _is_secret(annotation: Any) -> bool:
    return annotation is SecretStr or any(_is_secret(a) for a in typing.get_args(annotation))


def secret_env_names() -> set[str]:
    """The variables whose fields are ``SecretStr``: tokens and keys."""
    names: set[str] = set()
    for field in Settings.model_fields.values():
        if _is_secret(field.annotation):
            names |= _alias_names(field.validation_alias) or _alias_names(field.alias)
    return names


SETTINGS_NAMES = settings_env_names()
SECRET_NAMES = secret_env_names()


def test_the_settings_model_names_what_it_reads() -> None:
    # Sanity of the derivation itself: plain aliases and AliasChoices both count.
    assert {"SLACK_BOT_TOKEN", "REDIS_URL", "PORT", "EXPLAINER_MAX_QUESTIONS"} <= SETTINGS_NAMES
    assert {"SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "ANTHROPIC_API_KEY"} <= SECRET_NAMES
    assert "REDIS_URL" not in SECRET_NAMES


def _drain_seconds() -> float:
    """How long the app may take to drain after SIGTERM: one unit of work is cut off after
    ``ENTRY_TIMEOUT_SECONDS``. If that constant goes away, revisit the shutdown budgets."""
    from bot.slack.worker import ENTRY_TIMEOUT_SECONDS

    return max(MIN_DRAIN_SECONDS, ENTRY_TIMEOUT_SECONDS)


# -- Dockerfile ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Instruction:
    keyword: str
    args: str
    stage: int  # index of the FROM this instruction belongs to


def parse_dockerfile(text: str) -> list[Instruction]:
    """Instructions with line continuations joined; comment lines (also inside a continued
    instruction, as Docker does) and blank lines dropped."""
    out: list[Instruction] = []
    pending = ""
    stage = -1
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        keyword, _, args = (pending + line).partition(" ")
        pending = ""
        keyword = keyword.upper()
        if keyword == "FROM":
            stage += 1
        out.append(Instruction(keyword, args.strip(), stage))
    assert not pending, "the Dockerfile ends inside a continued line"
    return out


def _flags_and_rest(args: str) -> tuple[dict[str, str], list[str]]:
    """``--from=builder --chown=x a b`` -> ({"from": "builder", "chown": "x"}, ["a", "b"])."""
    flags: dict[str, str] = {}
    rest: list[str] = []
    for word in shlex.split(args):
        if word.startswith("--") and not rest:
            key, _, value = word[2:].partition("=")
            flags[key] = value
        else:
            rest.append(word)
    return flags, rest


def _assignments(inst: Instruction) -> dict[str, str]:
    """The variables an ENV or ARG instruction sets (``ARG NAME`` has no value)."""
    words = shlex.split(inst.args)
    if inst.keyword == "ENV" and len(words) >= 2 and "=" not in words[0]:
        return {words[0]: " ".join(words[1:])}  # legacy form: ENV NAME value
    return {k: v for k, _, v in (w.partition("=") for w in words)}


@pytest.fixture(scope="module")
def dockerfile() -> list[Instruction]:
    return parse_dockerfile(DOCKERFILE.read_text(encoding="utf-8"))


def _final(instructions: list[Instruction]) -> list[Instruction]:
    last = max(i.stage for i in instructions)
    return [i for i in instructions if i.stage == last]


def _one(instructions: list[Instruction], keyword: str) -> Instruction:
    found = [i for i in instructions if i.keyword == keyword]
    assert found, f"no {keyword}"
    return found[-1]  # the last one wins in Docker


def test_dockerfile_builds_in_stages(dockerfile: list[Instruction]) -> None:
    froms = [i for i in dockerfile if i.keyword == "FROM"]
    assert len(froms) >= 2
    for inst in froms:
        assert inst.args.split()[0].startswith("python:3.11-slim"), inst.args
    # The runtime stage takes the venv from an earlier stage instead of installing again.
    copies = [_flags_and_rest(i.args) for i in _final(dockerfile) if i.keyword == "COPY"]
    assert any(flags.get("from") and rest[0] == "/opt/venv" for flags, rest in copies)


def test_dockerfile_runs_as_a_numeric_non_root_user(dockerfile: list[Instruction]) -> None:
    user = _one(_final(dockerfile), "USER").args
    uid = user.split(":")[0]
    # Numeric, so Kubernetes' runAsNonRoot can verify it; the manifests use the same uid.
    assert uid.isdigit(), user
    assert int(uid) == APP_UID


def test_dockerfile_exposes_checks_and_stops_the_http_server(
    dockerfile: list[Instruction],
) -> None:
    final = _final(dockerfile)
    assert str(APP_PORT) in _one(final, "EXPOSE").args.split()
    assert _one(final, "STOPSIGNAL").args == "SIGTERM"
    assert json.loads(_one(final, "CMD").args) == ["explainer", "serve", "--port", str(APP_PORT)]
    health = _one(final, "HEALTHCHECK").args
    assert f"http://127.0.0.1:{APP_PORT}/healthz" in health
    assert "urllib" in health
    assert "curl" not in health  # not in python:3.11-slim


def test_dockerfile_bakes_in_no_secrets(dockerfile: list[Instruction]) -> None:
    for inst in dockerfile:
        if inst.keyword not in ("ENV", "ARG"):
            continue
        for name, value in _assignments(inst).items():
            assert name not in SECRET_NAMES, f"{inst.keyword} {name}"
            assert name != "REDIS_URL", "a Redis URL may carry a password"
            assert not SECRETISH.search(name), f"{inst.keyword} {name}"
            assert not TOKEN_VALUE.search(value), f"{inst.keyword} {name}"


def test_dockerfile_lays_out_the_data_the_code_reads(dockerfile: list[Instruction]) -> None:
    """The code finds knowledge/ and prompts/ next to the package; the image keeps that."""
    import bot
    from bot.knowledge.base import KNOWLEDGE_DIR
    from bot.texts import PROMPTS_DIR

    package_dir = Path(bot.__file__).resolve().parent
    app_root = package_dir.parent
    needed = [p.relative_to(app_root).as_posix() for p in (package_dir, KNOWLEDGE_DIR, PROMPTS_DIR)]
    assert needed == ["bot", "knowledge", "prompts"]

    final = _final(dockerfile)
    copied = {
        rest[0].rstrip("/"): rest[-1].rstrip("/")
        for flags, rest in (_flags_and_rest(i.args) for i in final if i.keyword == "COPY")
        if "from" not in flags
    }
    for name in needed:
        assert copied.get(name) == f"/app/{name}", f"COPY {name}/ /app/{name}/"
    env: dict[str, str] = {}
    for inst in final:
        if inst.keyword == "ENV":
            env.update(_assignments(inst))
    assert env.get("PYTHONPATH") == "/app"
    assert _one(final, "WORKDIR").args == "/app"


def test_dockerignore_allows_only_what_the_build_copies(dockerfile: list[Instruction]) -> None:
    patterns = [
        line.strip()
        for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert patterns[0] == "*", "an allow-list: everything is excluded first"
    allowed = {p[1:].rstrip("/") for p in patterns if p.startswith("!")}
    # Every source the Dockerfile copies from the build context (not from another stage).
    sources = {
        src.removeprefix("./").rstrip("/")
        for flags, rest in (_flags_and_rest(i.args) for i in dockerfile if i.keyword == "COPY")
        if "from" not in flags
        for src in rest[:-1]
    }
    assert sources <= allowed, sources - allowed
    assert not {".env", ".venv", "deploy"} & allowed


# -- compose ---------------------------------------------------------------------------------------


def load_yaml(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def _environment(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.partition("=")[::2] for item in env)
    return {str(k): str(v) for k, v in env.items()}


def _seconds(duration: str | int) -> float:
    """Compose durations as used here: ``50s``, ``1m30s``, or a bare number of seconds."""
    if isinstance(duration, int):
        return float(duration)
    units = {"h": 3600, "m": 60, "s": 1}
    parts = re.findall(r"(\d+(?:\.\d+)?)([hms])", duration)
    assert parts, duration
    return sum(float(n) * units[u] for n, u in parts)


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return load_yaml(COMPOSE)


def test_compose_redis_persists_to_a_named_volume(compose: dict[str, Any]) -> None:
    redis = compose["services"]["redis"]
    assert str(redis["image"]).startswith("redis:7")
    command = redis["command"]
    words = command if isinstance(command, list) else shlex.split(command)
    assert words[words.index("--appendonly") + 1] == "yes"
    assert words[words.index("--appendfsync") + 1] == "everysec"
    volumes = [str(v) for v in redis["volumes"]]
    named = [v.split(":")[0] for v in volumes if v.split(":")[1] == "/data"]
    assert named and named[0] in (compose.get("volumes") or {})
    assert "redis-cli" in redis["healthcheck"]["test"]
    assert "ping" in redis["healthcheck"]["test"]


def test_compose_bot_builds_serves_and_waits_for_redis(compose: dict[str, Any]) -> None:
    bot = compose["services"]["bot"]
    build = bot["build"]
    assert (DEPLOY / build["context"]).resolve() == ROOT
    assert (DEPLOY / build["context"] / build["dockerfile"]).resolve() == DOCKERFILE
    assert f"{APP_PORT}:{APP_PORT}" in [str(p) for p in bot["ports"]]
    assert "/healthz" in " ".join(bot["healthcheck"]["test"])
    assert bot["depends_on"]["redis"]["condition"] == "service_healthy"
    assert bot["restart"] == "unless-stopped"
    assert bot["env_file"] == ".env"
    redis_url = urlparse(_environment(bot)["REDIS_URL"])
    assert (redis_url.scheme, redis_url.hostname, redis_url.port) == ("redis", "redis", 6379)
    assert _seconds(bot["stop_grace_period"]) >= _drain_seconds()


# -- Kubernetes ------------------------------------------------------------------------------------


def k8s_docs() -> dict[str, dict[str, Any]]:
    """Every manifest by kind (one document per file, one object per kind)."""
    docs: dict[str, dict[str, Any]] = {}
    for path in sorted(K8S.glob("*.yaml")):
        for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            assert doc["kind"] not in docs, f"two {doc['kind']} objects"
            docs[doc["kind"]] = doc
    return docs


@pytest.fixture(scope="module")
def k8s() -> dict[str, dict[str, Any]]:
    return k8s_docs()


@pytest.fixture(scope="module")
def pod(k8s: dict[str, dict[str, Any]]) -> dict[str, Any]:
    spec: dict[str, Any] = k8s["Deployment"]["spec"]["template"]["spec"]
    return spec


@pytest.fixture(scope="module")
def container(pod: dict[str, Any]) -> dict[str, Any]:
    (only,) = pod["containers"]
    assert isinstance(only, dict)
    return only


def test_k8s_manifests_are_namespace_agnostic(k8s: dict[str, dict[str, Any]]) -> None:
    assert set(k8s) >= {
        "Deployment",
        "ConfigMap",
        "Secret",
        "Service",
        "Ingress",
        "PodDisruptionBudget",
        "HorizontalPodAutoscaler",
    }
    for kind, doc in k8s.items():
        assert doc["apiVersion"] and doc["metadata"]["name"], kind
        assert "namespace" not in doc["metadata"], kind


def test_k8s_deployment_rolls_without_losing_capacity(k8s: dict[str, dict[str, Any]]) -> None:
    spec = k8s["Deployment"]["spec"]
    assert spec["replicas"] >= 2
    assert spec["strategy"]["type"] == "RollingUpdate"
    assert spec["strategy"]["rollingUpdate"]["maxUnavailable"] == 0
    assert spec["selector"]["matchLabels"].items() <= spec["template"]["metadata"]["labels"].items()


def test_k8s_probes(container: dict[str, Any]) -> None:
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert APP_PORT in ports.values()

    def target(probe: str) -> tuple[str, int]:
        get = container[probe]["httpGet"]
        port = get["port"]
        return get["path"], ports[port] if isinstance(port, str) else port

    assert target("readinessProbe") == ("/readyz", APP_PORT)
    assert target("livenessProbe") == ("/healthz", APP_PORT)
    assert target("startupProbe")[1] == APP_PORT


def test_k8s_resources_and_security(pod: dict[str, Any], container: dict[str, Any]) -> None:
    resources = container["resources"]
    assert {"cpu", "memory"} <= set(resources["requests"])
    assert {"cpu", "memory"} <= set(resources["limits"])

    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] == APP_UID
    sc = container["securityContext"]
    assert sc["allowPrivilegeEscalation"] is False
    assert sc["readOnlyRootFilesystem"] is True
    assert sc["capabilities"]["drop"] == ["ALL"]
    # The read-only root needs a writable /tmp.
    mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
    volumes = {v["name"]: v for v in pod["volumes"]}
    assert "emptyDir" in volumes[mounts["/tmp"]]


# What one process of the app holds (knowledge base, index, the reader's rules): about 90 MB
# resident; `explainer serve` runs one such process to ack and one per core to work.
PROCESS_MEMORY_MIB = 128


def _cpus(quantity: str) -> float:
    return float(quantity[:-1]) / 1000 if quantity.endswith("m") else float(quantity)


def _mebibytes(quantity: str) -> float:
    units = {"Ki": 1 / 1024, "Mi": 1, "Gi": 1024}
    for suffix, factor in units.items():
        if quantity.endswith(suffix):
            return float(quantity[: -len(suffix)]) * factor
    return float(quantity) / 2**20


def test_k8s_limits_fit_serve_and_its_worker_processes(
    container: dict[str, Any], tmp_path: Path
) -> None:
    from bot.slack.worker_pool import default_workers

    limits = container["resources"]["limits"]
    # The container's CPU limit, as the pod's cgroup shows it to `serve`.
    (tmp_path / "cpu.max").write_text(f"{int(_cpus(str(limits['cpu'])) * 100000)} 100000\n")
    workers = default_workers(tmp_path)
    assert workers >= 1
    assert _mebibytes(str(limits["memory"])) >= (1 + workers) * PROCESS_MEMORY_MIB


def test_k8s_shutdown_budget_covers_the_drain(
    pod: dict[str, Any], container: dict[str, Any]
) -> None:
    command = container["lifecycle"]["preStop"]["exec"]["command"]
    assert command[0] == "sleep"
    pre_stop = float(command[1])
    # The preStop hook runs inside the grace period, before SIGTERM.
    assert pod["terminationGracePeriodSeconds"] >= pre_stop + _drain_seconds()


def test_k8s_pdb_service_ingress_and_hpa_route_to_the_bot(
    k8s: dict[str, dict[str, Any]], container: dict[str, Any]
) -> None:
    from bot.slack.http_app import EVENTS_PATH

    deployment = k8s["Deployment"]
    labels = deployment["spec"]["template"]["metadata"]["labels"]

    pdb = k8s["PodDisruptionBudget"]["spec"]
    assert pdb["minAvailable"] >= 1
    assert pdb["selector"]["matchLabels"].items() <= labels.items()

    service = k8s["Service"]
    assert service["spec"].get("type", "ClusterIP") == "ClusterIP"
    assert service["spec"]["selector"].items() <= labels.items()
    (port,) = service["spec"]["ports"]
    named = {p["name"]: p["containerPort"] for p in container["ports"]}
    target = port["targetPort"]
    assert port["port"] == 80
    assert (named[target] if isinstance(target, str) else target) == APP_PORT

    ingress = k8s["Ingress"]["spec"]
    hosts = {rule["host"] for rule in ingress["rules"]}
    assert ingress["tls"] and hosts <= {h for t in ingress["tls"] for h in t["hosts"]}
    routes = {
        path["path"]: (path["pathType"], path["backend"]["service"])
        for rule in ingress["rules"]
        for path in rule["http"]["paths"]
    }
    assert routes[EVENTS_PATH][0] == "Prefix"
    # Only Slack's own paths are public; health and metrics stay inside the cluster.
    assert set(routes) <= {EVENTS_PATH, *OAUTH_PATHS}
    for _, backend in routes.values():
        assert backend["name"] == service["metadata"]["name"]
        assert backend["port"].get("name") == port["name"] or backend["port"].get("number") == 80

    hpa = k8s["HorizontalPodAutoscaler"]["spec"]
    assert hpa["scaleTargetRef"]["name"] == deployment["metadata"]["name"]
    assert (hpa["minReplicas"], hpa["maxReplicas"]) == (2, 6)
    assert hpa["metrics"][0]["resource"]["name"] == "cpu"


# -- environment variable names everywhere ---------------------------------------------------------


def env_example() -> dict[str, str]:
    """``NAME=value`` lines of deploy/.env.example (comments and blanks skipped)."""
    found: dict[str, str] = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, sep, value = line.partition("=")
        assert sep and re.fullmatch(r"[A-Z][A-Z0-9_]*", name), line
        assert name not in found, f"{name} twice"
        found[name] = value
    return found


def test_env_example_lists_exactly_the_settings() -> None:
    names = set(env_example())
    assert names - SETTINGS_NAMES == set(), "not read by bot/settings.py"
    assert SETTINGS_NAMES - names == set(), "missing from deploy/.env.example"


def test_env_example_is_valid_and_holds_no_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    example = env_example()
    for name in SECRET_NAMES:
        assert example[name] == "", f"{name} must be left empty in the example"
    for name in SETTINGS_NAMES:
        monkeypatch.delenv(name, raising=False)
    settings = Settings(_env_file=ENV_EXAMPLE)
    assert settings.port == APP_PORT
    assert settings.llm_mode() == "offline"


def test_compose_environment_uses_settings_names(compose: dict[str, Any]) -> None:
    for name, service in compose["services"].items():
        if name == "redis":
            continue
        assert set(_environment(service)) <= SETTINGS_NAMES, name


def test_k8s_env_uses_settings_names_and_keeps_secrets_secret(
    k8s: dict[str, dict[str, Any]], container: dict[str, Any]
) -> None:
    configmap = k8s["ConfigMap"]
    secret = k8s["Secret"]
    config_names = set(configmap["data"])
    assert config_names <= SETTINGS_NAMES, config_names - SETTINGS_NAMES
    assert not config_names & (SECRET_NAMES | {"REDIS_URL"}), "secrets belong in the Secret"
    assert {ref["configMapRef"]["name"] for ref in container["envFrom"]} == {
        configmap["metadata"]["name"]
    }

    refs: dict[str, dict[str, Any]] = {}
    for item in container["env"]:
        assert item["name"] in SETTINGS_NAMES, item["name"]
        assert "value" not in item or not SECRETISH.search(item["name"]), item["name"]
        if "valueFrom" in item:
            refs[item["name"]] = item["valueFrom"]["secretKeyRef"]
    # Each secret comes from the Secret under its own variable name.
    assert SECRET_NAMES - {"SLACK_APP_TOKEN"} <= set(refs)  # no app token in HTTP mode
    for name, ref in refs.items():
        assert ref["name"] == secret["metadata"]["name"]
        assert ref["key"] == name
    # `explainer serve` refuses to start without a signing secret, and replicas must share one
    # Redis; the default single-workspace setup also needs the bot token.
    required = {n for n, ref in refs.items() if not ref.get("optional")}
    assert {"SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "REDIS_URL"} <= required

    # secret.example.yaml: the same keys, and only placeholders as values.
    example = secret["stringData"]
    assert set(example) <= SETTINGS_NAMES
    assert set(refs) <= set(example)
    for name, value in example.items():
        assert value == "" or "REPLACE-ME" in value, f"{name} is not a placeholder"


def test_dockerfile_compiles_the_rule_patterns_where_the_app_reads_them(
    dockerfile: list[Instruction],
) -> None:
    """Without them each new worker compiles the reader's patterns while its first users
    wait; the image compiles them once, into the app user's default cache directory, after
    the code is in place and before it drops to that user."""
    final = _final(dockerfile)
    home = re.search(r"--home-dir (\S+)", " ".join(i.args for i in final if i.keyword == "RUN"))
    assert home is not None
    default = Settings.model_fields["cache_dir"].default_factory
    assert default is not None
    relative = default().relative_to(Path.home())  # type: ignore[call-arg]
    warm = [
        n
        for n, i in enumerate(final)
        if i.keyword == "RUN"
        and f"EXPLAINER_CACHE_DIR={home.group(1)}/{relative.as_posix()} explainer warm" in i.args
    ]
    user_at = next(n for n, i in enumerate(final) if i.keyword == "USER")
    code_at = max(n for n, i in enumerate(final) if i.keyword == "COPY" and "bot/" in i.args)
    assert warm and code_at < warm[0] < user_at
