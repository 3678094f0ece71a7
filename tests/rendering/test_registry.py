"""Entry-point discovery, loading and validation, on fake installed distributions.

Each test writes real distribution metadata (``*.dist-info`` with ``METADATA`` and
``entry_points.txt``) and plugin modules into tmp_path, then discovers them from that path.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from amendtrack.errors import PluginError, UsageError
from amendtrack.rendering.registry import (
    BUILTIN_EXTENSIONS,
    Registry,
    Status,
    check_options,
    discover,
)

GOOD = '''
from types import MappingProxyType
from amendtrack.rendering import API_VERSION, View

class {cls}:
    name = "{name}"
    description = "a test renderer"
    media_type = "text/plain"
    extensions = ({exts},)
    options = MappingProxyType({{"loud": "shout"}})
    views = (View.DIFF,)
    api_version = API_VERSION

    def render(self, job, stream):
        stream.write(b"{name}")
'''


def make_distribution(root: Path, dist: str, version: str, plugins: dict[str, str],
                      modules: dict[str, str]) -> None:
    """Write an installed distribution: metadata, entry points, modules."""
    info = root / f"{dist.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n", encoding="utf-8")
    lines = ["[amendtrack.renderers]"] + [f"{name} = {value}" for name, value in plugins.items()]
    lines += ["", "[console_scripts]", "unrelated = os:getcwd"]
    (info / "entry_points.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for module, source in modules.items():
        (root / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    for name in list(sys.modules):
        if name.startswith("fake_"):
            del sys.modules[name]


def test_discovery_is_sorted_and_imports_nothing(site: Path) -> None:
    make_distribution(site, "amendtrack-zeta", "1.0", {"zeta": "fake_zeta:Zeta"},
                      {"fake_zeta": "raise RuntimeError('imported!')"})
    make_distribution(site, "amendtrack-alpha", "2.1", {"alpha": "fake_alpha:Alpha"},
                      {"fake_alpha": GOOD.format(cls="Alpha", name="alpha", exts='"alp"')})
    found, shadowed = discover([str(site)])
    assert [(p.name, p.distribution, p.version) for p in found] == [
        ("alpha", "amendtrack-alpha", "2.1"), ("zeta", "amendtrack-zeta", "1.0")]
    assert shadowed == ()
    assert "fake_zeta" not in sys.modules and "fake_alpha" not in sys.modules


def test_same_distribution_twice_on_the_path_counts_once(site: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    make_distribution(site, "amendtrack-alpha", "2.1", {"alpha": "fake_alpha:Alpha"}, {})
    make_distribution(other, "amendtrack-alpha", "2.0", {"alpha": "fake_alpha:Old"}, {})
    found, shadowed = discover([str(site), str(other)])
    assert [(p.name, p.version) for p in found] == [("alpha", "2.1")]
    assert shadowed == ()


def test_name_taken_by_two_distributions_is_shadowed(site: Path) -> None:
    make_distribution(site, "first", "1", {"dup": "fake_a:A"}, {})
    make_distribution(site, "second", "1", {"dup": "fake_b:B"}, {})
    found, shadowed = discover([str(site)])
    assert len(found) == 1 and len(shadowed) == 1
    registry = Registry(found, shadowed)
    assert Status.SHADOWED in {s.status for s in registry.statuses()}


def test_broken_plugin_warns_and_others_keep_working(site: Path) -> None:
    make_distribution(site, "amendtrack-broken", "0.1", {"broken": "fake_broken:Broken"},
                      {"fake_broken": "import no_such_module_anywhere\n"})
    make_distribution(site, "amendtrack-good", "1.0", {"good": "fake_good:Good"},
                      {"fake_good": GOOD.format(cls="Good", name="good", exts='"gd"')})
    warnings: list[str] = []
    registry = Registry(*discover([str(site)]), warn=warnings.append)
    assert registry.for_extension("out.gd") == "good"
    assert len(warnings) == 1
    assert "broken (from amendtrack-broken)" in warnings[0]
    assert "No module named 'no_such_module_anywhere'" in warnings[0]
    with pytest.raises(PluginError, match="amendtrack-broken"):
        registry.renderer_class("broken")
    statuses = {s.info.name: s for s in registry.statuses()}
    assert statuses["broken"].status is Status.BROKEN
    assert statuses["good"].status is Status.OK
    assert statuses["good"].extensions == ("gd",)


def test_validation_names_plugin_declared_and_expected(site: Path) -> None:
    source = GOOD.format(cls="Bad", name="bad", exts='"gd"').replace(
        'extensions = ("gd",)', 'extensions = ".gd"')
    make_distribution(site, "amendtrack-bad", "3", {"bad": "fake_bad:Bad"}, {"fake_bad": source})
    registry = Registry(*discover([str(site)]))
    with pytest.raises(PluginError) as caught:
        registry.renderer_class("bad")
    message = str(caught.value)
    assert "bad (from amendtrack-bad)" in message
    assert "extensions is declared as '.gd'" in message
    assert "expected a tuple of extensions without dots" in message


@pytest.mark.parametrize(("change", "expected"), [
    (("api_version = API_VERSION", "api_version = 99"), "renderer API version 99"),
    (('name = "wrong"', 'name = "other"'), "declares name 'other'"),
    (("def render(self, job, stream):", "def render(self):"), "render(self) has the wrong"),
    (("views = (View.DIFF,)", "views = ()"), "views is declared as ()"),
])
def test_each_protocol_rule(site: Path, change: tuple[str, str], expected: str) -> None:
    source = GOOD.format(cls="W", name="wrong", exts='"w"').replace(*change)
    make_distribution(site, "amendtrack-w", "1", {"wrong": "fake_w:W"}, {"fake_w": source})
    with pytest.raises(PluginError, match="wrong \\(from amendtrack-w\\)") as caught:
        Registry(*discover([str(site)])).renderer_class("wrong")
    assert expected in str(caught.value)


def test_not_a_class(site: Path) -> None:
    make_distribution(site, "d", "1", {"fn": "fake_fn:render"},
                      {"fake_fn": "def render(job, stream):\n    pass\n"})
    with pytest.raises(PluginError, match="is a function; expected a class"):
        Registry(*discover([str(site)])).renderer_class("fn")


def test_choose_by_name_extension_and_default(site: Path) -> None:
    make_distribution(site, "amendtrack-good", "1.0", {"good": "fake_good:Good"},
                      {"fake_good": GOOD.format(cls="Good", name="good", exts='"gd", "good"')})
    registry = Registry(*discover([str(site)]))
    assert registry.choose("good", "x.other", "fallback") == "good"
    assert registry.choose(None, "report.GD", "fallback") == "good"
    assert registry.choose(None, None, "fallback") == "fallback"
    with pytest.raises(UsageError, match=r"unknown renderer 'nope' \(known: good\)"):
        registry.choose("nope", None, "fallback")
    with pytest.raises(UsageError, match=r"no renderer writes \.xyz files"):
        registry.choose(None, "out.xyz", "fallback")


def test_unknown_option_lists_valid_ones(site: Path) -> None:
    make_distribution(site, "amendtrack-good", "1.0", {"good": "fake_good:Good"},
                      {"fake_good": GOOD.format(cls="Good", name="good", exts='"gd"')})
    cls = Registry(*discover([str(site)])).renderer_class("good")
    check_options(cls, {"loud": "yes"})
    with pytest.raises(UsageError, match=r"renderer good has no option 'quiet' \(valid: loud\)"):
        check_options(cls, {"quiet": "1"})


def test_builtin_renderers_are_entry_points() -> None:
    registry = Registry()
    for name in ("html", "json", "markdown", "odt", "terminal"):
        assert name in registry.names()
        assert registry.info(name).distribution == "amendtrack"
        assert registry.renderer_class(name).name == name


_IMPORTED_PLUGINS = """
import sys
from amendtrack.cli import main
sys.argv = ["amendtrack", *sys.argv[1:]]
try:
    main()
finally:
    # The renderer modules imported (a plugin's own helper modules, such as the ODT
    # renderer's package writer, are part of that plugin).
    renderers = {"terminal", "html", "odt", "markdown", "json", "legistique"}
    print(sorted(m for m in sys.modules if m.startswith("amendtrack_plugins.")
                 and m.split(".")[1] in renderers), file=sys.stderr)
"""


@pytest.mark.parametrize(("arguments", "expected"), [
    (["--to", "html"], "amendtrack_plugins.html"),
    (["-o", "{tmp}/x.md"], "amendtrack_plugins.markdown"),
    (["-o", "{tmp}/x.htm"], "amendtrack_plugins.html"),
    (["-o", "{tmp}/x.odt"], "amendtrack_plugins.odt"),
    ([], "amendtrack_plugins.terminal"),
])
def test_choosing_a_renderer_imports_only_that_plugin(
    tmp_path: Path, arguments: list[str], expected: str
) -> None:
    samples = Path(__file__).resolve().parents[2] / "samples" / "aulnoy-ctg-caf"
    result = subprocess.run(
        [sys.executable, "-c", _IMPORTED_PLUGINS, "diff", str(samples / "2022-02-02.xml"),
         str(samples / "2022-12-07.xml"), *(a.format(tmp=tmp_path) for a in arguments)],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1] == repr([expected])


def test_builtin_extension_aliases_are_true() -> None:
    registry = Registry()
    for extension, name in BUILTIN_EXTENSIONS.items():
        assert extension in registry.renderer_class(name).extensions


def test_listing_imports_no_plugin() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "import sys; from amendtrack.rendering.registry import Registry; "
         "r = Registry(); r.names(); r.info('odt'); "
         "print(sorted(m for m in sys.modules if m.startswith('amendtrack_plugins.')))"],
        capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "[]"


def test_the_static_table_is_what_pyproject_declares() -> None:
    import tomllib

    from amendtrack.rendering.registry import BUILTIN_RENDERERS

    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    assert dict(BUILTIN_RENDERERS) == project["entry-points"]["amendtrack.renderers"]
    installed = {info.name: info.value for info in discover()[0]
                 if info.distribution == "amendtrack"}
    assert installed == dict(BUILTIN_RENDERERS)


_METADATA_PROBE = """
import sys
from amendtrack.rendering import registry
scans = []
original = registry.discover
registry.discover = lambda *arguments: scans.append(1) or original(*arguments)
from amendtrack.cli import main
sys.argv = ["amendtrack", *sys.argv[1:]]
try:
    main()
finally:
    # The ODT renderer's odfdo reads its own version from metadata: that is not a scan.
    print(bool(scans), file=sys.stderr)
"""


@pytest.mark.parametrize(("arguments", "scanned"), [
    ([], False),
    (["--to", "json"], False),
    (["-o", "{tmp}/x.odt"], False),
    (["-o", "{tmp}/x.md"], False),
    (["-o", "{tmp}/x.gd"], True),  # no renderer writes it: refused after a scan
])
def test_a_built_in_renderer_is_chosen_without_scanning_entry_points(
    tmp_path: Path, arguments: list[str], scanned: bool
) -> None:
    samples = Path(__file__).resolve().parents[2] / "samples" / "aulnoy-ctg-caf"
    result = subprocess.run(
        [sys.executable, "-c", _METADATA_PROBE, "diff", str(samples / "2022-02-02.xml"),
         str(samples / "2022-12-07.xml"), *(a.format(tmp=tmp_path) for a in arguments)],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == (2 if scanned else 0), result.stderr
    assert result.stderr.strip().splitlines()[-1] == str(scanned)


def test_other_names_and_extensions_scan_the_entry_points(site: Path) -> None:
    make_distribution(site, "amendtrack-good", "1.0", {"good": "fake_good:Good"},
                      {"fake_good": GOOD.format(cls="Good", name="good", exts='"gd"')})
    registry = Registry()
    assert registry.info("html").distribution == "amendtrack"
    assert registry.info("good").distribution == "amendtrack-good"
    assert Registry().for_extension("out.gd") == "good"
    assert Registry().choose(None, "out.md", "terminal") == "markdown"
    with pytest.raises(UsageError, match=r"unknown renderer 'nope' \(known: .*good.*html"):
        Registry().info("nope")


def test_a_plugin_cannot_take_a_built_in_name(site: Path) -> None:
    make_distribution(site, "amendtrack-rogue", "1.0", {"html": "fake_rogue:Rogue"},
                      {"fake_rogue": GOOD.format(cls="Rogue", name="html", exts='"html"')})
    registry = Registry()
    assert registry.info("html").distribution == "amendtrack"
    assert registry.renderer_class("html").__module__ == "amendtrack_plugins.html"
    statuses = [s for s in registry.statuses() if s.info.distribution == "amendtrack-rogue"]
    assert [s.status for s in statuses] == [Status.SHADOWED]
    assert statuses[0].problem == "the name 'html' belongs to a built-in renderer of amendtrack"
