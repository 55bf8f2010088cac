"""Helpers shared by the PDF tests: text, fonts, page size and a pdftoppm rendering."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

from pypdf import PdfReader

A4_SHORT, A4_LONG = 595.28, 841.89


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def page_texts(data: bytes) -> list[str]:
    """The text of each page with all whitespace removed (lines join up)."""
    return ["".join(page.extract_text().split()) for page in reader(data).pages]


def all_text(data: bytes) -> str:
    return "".join(page_texts(data))


def assert_fonts_embedded_subsets(data: bytes) -> None:
    seen = 0
    for page in reader(data).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            seen += 1
            assert re.fullmatch(r"/[A-Z]{6}\+\S+", str(font["/BaseFont"])), font["/BaseFont"]
            assert "/FontFile2" in font["/FontDescriptor"].get_object()
    assert seen


def assert_a4(data: bytes, *, landscape: bool = False) -> None:
    want = (A4_LONG, A4_SHORT) if landscape else (A4_SHORT, A4_LONG)
    for page in reader(data).pages:
        box = page.mediabox
        assert abs(float(box.width) - want[0]) < 1
        assert abs(float(box.height) - want[1]) < 1


def assert_renders_to_png(data: bytes, tmp_path: Path) -> None:
    """Render the first page with poppler's pdftoppm (installed by the project's setup)."""
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm (poppler-utils) is missing; the project's setup installs it"
    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(data)
    subprocess.run(
        [pdftoppm, "-r", "50", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
        capture_output=True,
        timeout=60,
    )
    pngs = list(tmp_path.glob("page*.png"))
    assert len(pngs) == 1
    assert pngs[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert pngs[0].stat().st_size > 1000
