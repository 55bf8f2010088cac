"""Open a workbook in a real spreadsheet program: LibreOffice headless converts it to PDF as
it would print it (Debian's libreoffice-calc-nogui, installed by packaging/dev.sh)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (libreoffice-calc-nogui) is not installed"
)


def to_pdf(workbook: Path, out_dir: Path) -> Path:
    """Print `workbook` to PDF with LibreOffice, in a profile of its own."""
    assert SOFFICE is not None
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = (out_dir / "lo-profile").as_uri()
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out_dir), str(workbook)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = out_dir / (workbook.stem + ".pdf")
    assert pdf.exists(), f"LibreOffice wrote no PDF for {workbook}"
    return pdf
