"""The wheel an operator installs holds every file the product reads, and serves alone."""
from __future__ import annotations

import email
import json
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.packaging.conftest import ROOT, SHIPPED, pip


def _source_files(folder: str) -> list[str]:
    """Return the checkout's files under a shipped folder, as paths inside the wheel."""
    return sorted(path.relative_to(ROOT).as_posix()
                  for path in (ROOT / folder).rglob("*")
                  if path.is_file() and "__pycache__" not in path.parts)


def _read_at_run_time() -> dict[str, Path]:
    """Return the files and folders the code reads at run time, where the code finds them."""
    import carriers.displays
    import carriers.gateways
    import carriers.mail_domains
    import emoji_maps.tables
    import keitai
    import keitai.migrations
    import keitai.stylesheet
    import simulator.profiles
    import simulator.ui

    return {
        "page and mail templates": keitai.TEMPLATES_DIR,
        "migrations": keitai.migrations.HERE,
        "stylesheet of PC and smartphone pages": keitai.stylesheet.FILE,
        "handset displays": carriers.displays.DATA_DIR,
        "gateway ranges": carriers.gateways.DEFAULT_FILE,
        "mail domains": carriers.mail_domains.DEFAULT_FILE,
        "emoji tables": emoji_maps.tables.DATA_DIR,
        "simulator handsets": simulator.profiles.BUILTIN_FILE,
        "simulator UI": simulator.ui.HERE,
    }


def test_every_file_under_the_shipped_folders_is_in_the_wheel(wheel_names: set[str]) -> None:
    for folder in SHIPPED:
        missing = [name for name in _source_files(folder) if name not in wheel_names]
        assert missing == [], f"{folder}/ files missing from the wheel: {missing}"


def test_every_file_the_code_reads_lies_in_a_shipped_folder_and_the_wheel(
        wheel_names: set[str]) -> None:
    for what, path in _read_at_run_time().items():
        relative = path.resolve().relative_to(ROOT)
        assert relative.parts[0] in SHIPPED, what
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        for file in files:
            if "__pycache__" not in file.parts:
                assert file.relative_to(ROOT).as_posix() in wheel_names, f"{what}: {file}"


def test_the_wheel_holds_the_templates_migrations_and_emoji_licence(
        wheel_names: set[str]) -> None:
    versions = sorted(p.name for p in (ROOT / "keitai/migrations/versions").glob("*.py"))
    assert versions and all(f"keitai/migrations/versions/{v}" in wheel_names for v in versions)
    for name in ("templates_chtml/error.html", "templates_chtml/_macros/markup.html",
                 "templates_chtml/mail/invitation.txt", "keitai/migrations/env.py",
                 "keitai/migrations/script.py.mako", "keitai/static/keitai.css",
                 "emoji_maps/data/COPYING",
                 "emoji_maps/data/NOTICE", "simulator/data/handsets.json"):
        assert name in wheel_names
    assert not any(name.endswith("alembic.ini") for name in wheel_names)


def test_the_wheel_installs_only_the_product_folders(wheel_names: set[str]) -> None:
    tops = {name.split("/")[0] for name in wheel_names}
    assert tops == {*SHIPPED, "keitai-0.1.0.dist-info"}
    assert not any(name.endswith(".pyc") for name in wheel_names)


def test_the_simulator_and_its_mailbox_server_are_an_extra(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        metadata = email.message_from_bytes(archive.read("keitai-0.1.0.dist-info/METADATA"))
    requires = metadata.get_all("Requires-Dist") or []
    runtime = [r for r in requires if "extra ==" not in r]
    assert any(r.startswith("gunicorn") for r in runtime)
    assert not any(r.lower().startswith("aiosmtpd") for r in runtime)
    assert any(r.startswith("aiosmtpd") and 'extra == "simulator"' in r for r in requires)
    assert any(r.startswith("keitai[simulator]") and 'extra == "test"' in r for r in requires)
    assert "simulator" in (metadata.get_all("Provides-Extra") or [])


#: run in a folder outside the checkout, on the installed wheel alone
_SERVE = """
import json, sys
import keitai, keitai.migrations
from keitai import create_app
url = sys.argv[1]
keitai.migrations.upgrade(url)
app = create_app({"DATABASE_URL": url, "SECRET_KEY": "wheel-test"})
client = app.test_client()
pages = {}
for name, agent in [("docomo", "DoCoMo/2.0 P903i(c100;TB;W24H12)"),
                    ("pc", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 "
                           "Firefox/128.0")]:
    for path in ("/", "/handset"):
        response = client.get(path, headers={"User-Agent": agent})
        pages[f"{name} {path}"] = [response.status_code, response.content_type,
                                   response.get_data().decode("latin-1")]
mail = app.jinja_env.get_template("mail/invitation.txt").filename
print(json.dumps({"keitai": keitai.__file__, "templates": str(keitai.TEMPLATES_DIR),
                  "mail": mail, "pages": pages,
                  "simulator loaded": "simulator" in sys.modules}))
"""


def test_an_installed_wheel_migrates_and_serves_pages_without_the_checkout(
        wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site-packages"
    installed = pip("install", "--no-deps", "--quiet", "--target", str(target), str(wheel))
    assert installed.returncode == 0, installed.stderr
    elsewhere = tmp_path / "operator"
    elsewhere.mkdir()
    env = {"PYTHONPATH": str(target), "KEITAI_INSTANCE_DIR": str(elsewhere / "instance"),
           "PATH": "/usr/bin:/bin"}
    run = subprocess.run([sys.executable, "-c", _SERVE,
                          f"sqlite:///{elsewhere / 'keitai.sqlite3'}"],
                         cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120,
                         check=False)
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout.splitlines()[-1])
    assert found["keitai"].startswith(str(target))
    assert found["templates"] == str(target / "templates_chtml")
    assert found["mail"].startswith(str(target / "templates_chtml"))
    assert not found["simulator loaded"]
    status, content_type, body = found["pages"]["docomo /handset"]
    assert status == 200 and "charset=shift_jis" in content_type.lower()
    assert "P903i" in body and "端末情報".encode("cp932").decode("latin-1") in body
    status, content_type, body = found["pages"]["pc /"]
    assert status == 200 and "charset=utf-8" in content_type.lower()
    assert "けいたいSNS".encode().decode("latin-1") in body
    assert [page[0] for page in found["pages"].values()] == [200] * 4
