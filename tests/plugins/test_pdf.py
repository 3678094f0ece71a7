"""The PDF renderer: the ODT printed by real LibreOffice; PDF/A-2b by option; the versions'
hashes and amendtrack's version in the properties; the same bytes for the same job; bold fonts
on the additions, pages looked at as PNG."""

from __future__ import annotations

import io

import pytest
from amendtrack_plugins.pdf import PdfRenderer, fixed_stamps

from amendtrack._version import __version__
from amendtrack.rendering import RenderJob
from amendtrack.rendering.document import document_job
from tests.office import need, pages_as_png, pdf_bold_runs, squeezed
from tests.plugins.test_odt import ADDITION, act_job


def render(job: RenderJob) -> bytes:
    need("soffice")
    buffer = io.BytesIO()
    PdfRenderer().render(job, buffer)
    return buffer.getvalue()


def test_stamps_are_rewritten_in_place() -> None:
    pdf = (b"%PDF-1.7\n/CreationDate(D:20261202012149Z')>>\n/ID [ <" + b"A1" * 16 + b">\n<"
           + b"A1" * 16 + b"> ]\n/DocChecksum /" + b"B2" * 16 + b"\n<xmp:CreateDate>"
           b"2026-12-02T01:21:49Z</xmp:CreateDate> uuid:0c9e0e52-76b2-4c73-a3e4-98e0d6f1e2a7")
    fixed = fixed_stamps(pdf, "2022-12-07")
    assert len(fixed) == len(pdf)  # no offset of the cross-reference table moves
    assert b"/CreationDate(D:20221207000000Z')" in fixed
    assert b"<xmp:CreateDate>2022-12-07T00:00:00Z" in fixed
    assert b"A1A1" not in fixed and b"B2B2" not in fixed and b"0c9e0e52" not in fixed
    other = pdf.replace(b"A1" * 16, b"C3" * 16).replace(b"01:21:49", b"09:09:09")
    assert fixed_stamps(other, "2022-12-07") == fixed  # what varied is gone


@pytest.mark.slow
def test_the_act_printed_by_libreoffice(tmp_path: pytest.TempPathFactory) -> None:
    from pypdf import PdfReader

    job = act_job()
    data = render(job)
    assert data.startswith(b"%PDF") and render(act_job()) == data  # same job, same bytes
    path = tmp_path / "acte.pdf"  # type: ignore[operator]
    path.write_bytes(data)
    reader = PdfReader(str(path))
    assert reader.metadata is not None
    keywords = str(reader.metadata.get("/Keywords"))
    assert f"amendtrack {__version__}" in keywords
    assert job.amendment.base_hash in keywords and job.amendment.result_hash in keywords
    assert "Modification de la délibération" in str(reader.metadata.title)
    text, bold = pdf_bold_runs(path)
    after_notice = bold[next(i for i, run in enumerate(bold) if "(rajout en gras)" in run) + 1:]
    assert " ".join(after_notice) == ADDITION
    assert squeezed("Le Contrat Enfance Jeunesse (CEJ)") in squeezed(text)
    assert f"Page {len(reader.pages)} sur {len(reader.pages)}" in text
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)  # A4 in points
    assert len(pages_as_png(path, path.parent / "page")) == len(reader.pages)  # type: ignore[attr-defined]


@pytest.mark.slow
def test_pdf_a_for_archiving(tmp_path: pytest.TempPathFactory) -> None:
    from pypdf import PdfReader

    data = render(act_job(options={"archive": "true"}))
    path = tmp_path / "archive.pdf"  # type: ignore[operator]
    path.write_bytes(data)
    xmp = PdfReader(str(path)).xmp_metadata
    assert xmp is not None
    assert (xmp.pdfaid_part, xmp.pdfaid_conformance) == ("2", "B")
    assert f"amendtrack {__version__}" in str(xmp.pdf_keywords)
    plain = PdfReader(io.BytesIO(render(act_job()))).xmp_metadata
    assert plain is None or plain.pdfaid_part is None  # not PDF/A without the option


@pytest.mark.slow
def test_a_version_as_a_pdf(tmp_path: pytest.TempPathFactory) -> None:
    job = act_job()
    path = tmp_path / "version.pdf"  # type: ignore[operator]
    path.write_bytes(render(document_job(job.new)))
    text, bold = pdf_bold_runs(path)
    assert "(rajout en gras)" not in text  # the deliberation itself, nothing marked
    assert squeezed(ADDITION) in squeezed(text) and ADDITION not in bold
