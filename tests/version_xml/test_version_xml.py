"""Loading and saving version XML: round trips, schema messages, hostile and broken inputs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amendtrack import version_xml
from amendtrack.errors import DocumentError, InputError
from amendtrack.model import (
    Block,
    BlockKind,
    Mark,
    Metadata,
    ModifyingAct,
    Span,
    Version,
    VersionInfo,
    Vote,
    normalise_inline,
)
from tests.strategies import versions

MINIMAL = b"""<?xml version="1.0" encoding="UTF-8"?>
<deliberation xmlns="urn:amendtrack:deliberation:1" format-version="1">
  <version deliberation="essai" date="2022-02-02"/>
  <metadata>
    <collectivite>Ville d\xe2\x80\x99Essai</collectivite>
    <seance>2022-02-02</seance>
    <objet>Objet</objet>
  </metadata>
  <body>
    <p id="p1">Le 1<sup>er</sup> janvier\xc2\xa02023,  <b>en gras</b><br/>suite</p>
  </body>
</deliberation>
"""


def test_minimal_document_loads_with_marks_and_whitespace() -> None:
    version = version_xml.parse_bytes(MINIMAL)
    assert version.metadata.collectivite == "Ville d’Essai"
    (block,) = version.body
    assert block.content == (
        Span("Le 1"),
        Span("er", frozenset({Mark.SUPERSCRIPT})),
        Span(" janvier\u00a02023,  "),
        Span("en gras", frozenset({Mark.BOLD})),
        Span("\nsuite"),
    )


def test_serialise_is_deterministic_and_hash_stable() -> None:
    version = version_xml.parse_bytes(MINIMAL)
    assert version_xml.serialise(version) == version_xml.serialise(version_xml.parse_bytes(MINIMAL))
    again = version_xml.parse_bytes(version_xml.serialise(version))
    assert version_xml.content_hash(again) == version_xml.content_hash(version)
    assert version_xml.content_hash(version).startswith("sha256:")


def test_full_metadata_round_trip() -> None:
    version = Version(
        info=VersionInfo(
            deliberation="aulnoy-ctg-caf",
            date="2022-12-07",
            modifies="2022-02-02",
            act=ModifyingAct(
                date="2022-12-07",
                numero="07.12.13",
                expose=(Span("Monsieur le Président expose "), Span("(rajout)", frozenset({Mark.BOLD}))),
                header=(Span("VILLE\nEXTRAIT", frozenset({Mark.BOLD})),),
            ),
        ),
        metadata=Metadata(
            collectivite="Ville d'Aulnoy-lez-Valenciennes",
            siren="215900382",
            seance="2022-12-07",
            objet="Convention territoriale globale « CAF »",
            numero="07.12.13",
            president="M. le Maire",
            secretaire="Dimitri KRAJEWSKI",
            convocation="2022-11-30",
            en_exercice=29,
            presents=22,
            representes=5,
            votants=27,
            vote=Vote(unanimite=True),
            publication="2022-12-12",
            transmission="2022-12-09",
            actes_nature="1",
            actes_matiere="7.5",
        ),
        body=(
            Block("h1", BlockKind.HEADING, (Span("Titre"),), level=2),
            Block("p1", BlockKind.PARAGRAPH, (Span("\tTab  et  espaces\u202f!"),)),
            Block("l1-1", BlockKind.ITEM, (Span("enfance ;"),), list_id="l1"),
            Block("l1-2", BlockKind.ITEM, (Span("jeunesse."),), list_id="l1"),
            Block("l2-1", BlockKind.ITEM, (Span("autre liste"),), list_id="l2"),
            Block("d1", BlockKind.DECISION, (Span("Le Conseil Municipal,\nà l'unanimité"),)),
            Block("s1", BlockKind.SIGNATURE, (Span("Le Président,"),)),
        ),
    )
    assert version_xml.parse_bytes(version_xml.serialise(version)) == version


@settings(max_examples=150, deadline=None)
@given(versions())
def test_parse_serialise_parse_is_identity(version: Version) -> None:
    data = version_xml.checked_bytes(version)
    parsed = version_xml.parse_bytes(data)
    assert parsed == version
    assert version_xml.serialise(parsed) == data


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.text(min_size=0, max_size=8), st.sets(st.sampled_from(Mark)))))
def test_inline_nesting_round_trip(runs: list[tuple[str, set[Mark]]]) -> None:
    from lxml import etree

    content = normalise_inline(
        Span(text.replace("\r", "").translate({c: None for c in range(32) if c not in (9, 10)}),
             frozenset(marks))
        for text, marks in runs
    )
    element = etree.Element("{urn:amendtrack:deliberation:1}p")
    version_xml.inline_into_element(element, content)
    assert version_xml.inline_from_element(element) == content


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file") as caught:
        version_xml.load(tmp_path / "absent.xml")
    assert "absent.xml" in str(caught.value)


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="empty"):
        version_xml.load(write(tmp_path, "empty.xml", b""))


def test_truncated_file_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match=r"not well-formed XML: line \d+"):
        version_xml.load(write(tmp_path, "cut.xml", MINIMAL[: len(MINIMAL) // 2]))


def test_doctype_with_external_entity_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET")
    hostile = MINIMAL.replace(
        b'<deliberation xmlns',
        f'<!DOCTYPE deliberation [<!ENTITY x SYSTEM "file://{secret}">]>\n<deliberation xmlns'.encode(),
    ).replace(b"<objet>Objet", b"<objet>&x;")
    with pytest.raises(DocumentError, match="DOCTYPE is not allowed"):
        version_xml.load(write(tmp_path, "hostile.xml", hostile))


def test_doctype_after_a_long_comment_is_refused(tmp_path: Path) -> None:
    hostile = MINIMAL.replace(
        b'<deliberation xmlns',
        b"<!--" + b"x" * 100_000 + b'-->\n<!DOCTYPE deliberation [<!ENTITY a "aaaa">]>\n<deliberation xmlns',
    )
    with pytest.raises(DocumentError, match="DOCTYPE"):
        version_xml.load(write(tmp_path, "hostile.xml", hostile))


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    entities = '<!ENTITY a0 "ha">' + "".join(
        f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    hostile = MINIMAL.replace(
        b'<deliberation xmlns', f"<!DOCTYPE deliberation [{entities}]>\n<deliberation xmlns".encode()
    ).replace(b"<objet>Objet", b"<objet>&a9;")
    with pytest.raises(DocumentError, match="DOCTYPE"):
        version_xml.load(write(tmp_path, "laughs.xml", hostile))


def test_latin1_without_declaration(tmp_path: Path) -> None:
    data = MINIMAL.decode("utf-8").replace("’", "'").encode("latin-1").replace(
        b'<?xml version="1.0" encoding="UTF-8"?>', b""
    ).replace(b"Objet<", "Objet modifié<".encode("latin-1"))
    with pytest.raises(DocumentError, match=r"not valid UTF-8 \(byte 0xE9 on line \d+\)"):
        version_xml.load(write(tmp_path, "latin1.xml", data))


def test_latin1_with_declaration_is_read(tmp_path: Path) -> None:
    data = MINIMAL.decode("utf-8").replace("’", "'").replace("UTF-8", "ISO-8859-1")
    version = version_xml.load(write(tmp_path, "latin1.xml", data.encode("latin-1")))
    assert version.body[0].text.startswith("Le 1er janvier\u00a02023")


def test_size_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AMENDTRACK_MAX_INPUT_BYTES", "100")
    with pytest.raises(InputError, match="too large"):
        version_xml.load(write(tmp_path, "big.xml", MINIMAL))


def test_schema_error_names_the_line(tmp_path: Path) -> None:
    data = MINIMAL.replace(b"<seance>2022-02-02</seance>", "<seance>2 février</seance>".encode())
    with pytest.raises(DocumentError, match=r"does not match the schema: line 6"):
        version_xml.load(write(tmp_path, "bad.xml", data))


def test_missing_required_objet(tmp_path: Path) -> None:
    data = MINIMAL.replace(b"<objet>Objet</objet>", b"")
    with pytest.raises(DocumentError, match="schema"):
        version_xml.load(write(tmp_path, "bad.xml", data))


def test_duplicate_block_ids(tmp_path: Path) -> None:
    data = MINIMAL.replace(b"</body>", b'  <p id="p1">again</p>\n  </body>')
    with pytest.raises(DocumentError, match="block id 'p1' is used twice"):
        version_xml.load(write(tmp_path, "dup.xml", data))


@pytest.mark.parametrize("namespace", [b"1", b"2"])
@pytest.mark.parametrize(("body", "twice"), [
    # Two lists, one after the other, with one id: their items alone cannot tell.
    (b'<list id="l1"><item id="i1">a</item></list><list id="l1"><item id="i2">b</item></list>',
     "l1"),
    (b'<p id="x">a</p><list id="x"><item id="i1">b</item></list>', "x"),
    (b'<list id="l1"><item id="x">a</item></list><p id="x">b</p>', "x"),
    (b'<list id="l1"><item id="l1">a</item></list>', "l1"),
])
def test_an_id_used_twice_is_refused_with_its_lines(
        tmp_path: Path, namespace: bytes, body: bytes, twice: str) -> None:
    data = MINIMAL.replace(b'<p id="p1">', body + b'\n<p id="p1">')
    data = data.replace(b"deliberation:1\" format-version=\"1\"",
                        b"deliberation:" + namespace + b'" format-version="' + namespace + b'"')
    with pytest.raises(DocumentError, match=rf"line \d+: block id '{twice}' is used twice "
                                            rf"\(first on line \d+\)"):
        version_xml.load(write(tmp_path, "dup.xml", data))
    # The same document with distinct ids loads: the refusal was the ids, not the rest.
    assert version_xml.parse_bytes(data.replace(f'id="{twice}"'.encode(), b'id="once"', 1))


def test_wrong_namespace(tmp_path: Path) -> None:
    data = MINIMAL.replace(b"urn:amendtrack:deliberation:1", b"urn:other")
    with pytest.raises(DocumentError, match="schema"):
        version_xml.load(write(tmp_path, "ns.xml", data))


@pytest.mark.parametrize("data", [b"Le conseil municipal.\n", b"PK\x03\x04zip", b"%PDF-1.7"])
def test_a_document_that_is_not_xml_is_pointed_to_import(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(DocumentError, match=r"not a version XML file .* amendtrack import"):
        version_xml.load(write(tmp_path, "acte.txt", data))
