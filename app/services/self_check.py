"""`propdesk --self-check`: prove that the (frozen) program can do its risky steps.

Each check runs in a fresh temporary data folder and prints one Chinese line with what it
checked. Checks are independent, so one failure never hides the others.
"""

from __future__ import annotations

import io
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TextIO, cast

from openpyxl import Workbook, load_workbook
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from app import __version__, paths
from app.documents import fonts
from app.documents.check_page import write_check_page
from app.domain import rulepack
from app.storage import migrate
from app.storage.session import Database

PDF_SAMPLE = "物业监管工作台：中文字体嵌入测试，业主大会、物业服务合同、维修资金。"
XLSX_TITLE = "物业监管工作台 台账自检"
A4_POINTS = (595.0, 842.0)

Check = Callable[[Path], str]


def _check_fonts(_data: Path) -> str:
    roles_by_face: dict[fonts.FontFace, list[str]] = {}
    for role, face in fonts.registered_faces().items():
        key = replace(face, role="")  # the same file serves several roles
        roles_by_face.setdefault(key, []).append(fonts.ROLE_NAMES[role])
    return "；".join(
        f"{'、'.join(roles)}用{face.display_name}（{face.path}"
        f"{'，程序自带' if face.bundled else ''}）"
        for face, roles in roles_by_face.items()
    )


def _check_database(data: Path) -> str:
    scripts = paths.migrations_dir()
    head = migrate.head_revision(scripts)
    # A new file: create_all + stamp head, then reopened: recognised as current.
    db = Database(paths.db_path(data))
    try:
        created = migrate.migrate(db, scripts, data / "backups")
        again = migrate.migrate(db, scripts, data / "backups")
        if (created.action, again.action) != ("created", "current"):
            raise RuntimeError(f"unexpected migration actions {created.action}, {again.action}")
        if migrate.current_revision(db) != head:
            raise RuntimeError(f"new database at {migrate.current_revision(db)}, head is {head}")
    finally:
        db.dispose()  # Windows keeps files locked until the engine is closed
    # An empty file upgraded by running every migration script, as an old database would be.
    old = Database(data / "upgrade-check.db")
    try:
        migrate.upgrade_to(old, scripts, "head")
        if migrate.current_revision(old) != head:
            raise RuntimeError(f"upgraded database at {migrate.current_revision(old)}")
    finally:
        old.dispose()
    return f"新建与逐步升级均到达版本 {head}（迁移脚本：{scripts}）"


def _check_rules(_data: Path) -> str:
    pack = rulepack.load(paths.rules_dir())
    return f"规则包“{pack.name}”（{pack.id}，第 {pack.version} 版）"


def _check_pdf(data: Path) -> str:
    target = data / "exports" / "自检页.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
    write_check_page(target, [PDF_SAMPLE, f"生成时间：{stamp}"])
    reader = PdfReader(target)
    page = reader.pages[0]
    text = "".join((page.extract_text() or "").split())
    if PDF_SAMPLE not in text:
        raise RuntimeError(f"extracted text does not contain the sample: {text[:80]!r}")
    embedded = []
    resources = cast(DictionaryObject, page["/Resources"].get_object())
    for ref in cast(DictionaryObject, resources["/Font"].get_object()).values():
        font = cast(DictionaryObject, ref.get_object())
        descriptor = font.get("/FontDescriptor")
        if descriptor is not None and "/FontFile2" in cast(
            DictionaryObject, descriptor.get_object()
        ):
            embedded.append(str(font["/BaseFont"]).lstrip("/"))
    if not embedded:
        raise RuntimeError("no embedded TrueType font (FontFile2) in the PDF")
    size = (float(page.mediabox.width), float(page.mediabox.height))
    if any(abs(a - b) > 1 for a, b in zip(size, A4_POINTS, strict=True)):
        raise RuntimeError(f"page is {size[0]:.0f}×{size[1]:.0f} pt, not A4")
    return (
        f"中文可提取，已嵌入字体子集 {', '.join(embedded)}，A4 纸张（{target.stat().st_size} 字节）"
    )


def _check_notice(_data: Path) -> str:
    """The 整改通知书 layout (red letterhead, 文号, body, receipt page) renders and reads back."""
    from datetime import date

    from app.documents.rectification_notice import render_notice
    from app.domain.documents import Letterhead, NoticeDoc, NoticeText

    number = "自检镇物整〔2026〕1号"
    text = NoticeText(
        addressee="示例物业服务有限公司",
        facts="1. 幸福里小区：消防通道被占用",
        legal_basis="《物业管理条例》",
        requirements="立即清理",
        deadline=date(2026, 12, 1),
        contact="",
        issuer="自检镇人民政府",
        issue_date=date(2026, 11, 23),
    )
    pdf = render_notice(NoticeDoc(Letterhead("自检镇人民政府", number), text))
    reader = PdfReader(io.BytesIO(pdf))
    got = "".join("".join((p.extract_text() or "").split()) for p in reader.pages)
    if number not in got or "送达回证" not in got:
        raise RuntimeError(f"the notice does not read back: {got[:80]!r}")
    return f"{len(reader.pages)} 页，文号与送达回证可提取（{len(pdf)} 字节）"


def _check_xlsx(data: Path) -> str:
    target = data / "exports" / "自检台账.xlsx"
    target.parent.mkdir(parents=True, exist_ok=True)
    book = Workbook()
    sheet = book.active
    sheet.title = "自检"
    sheet["A1"] = XLSX_TITLE
    sheet.append(["序号", "小区名称", "物业服务企业"])
    sheet.append([1, "幸福里小区", "示例物业服务有限公司"])
    book.save(target)
    back = load_workbook(target, read_only=True)
    try:
        got = back["自检"]["A1"].value
        row = [cell.value for cell in back["自检"][3]]
    finally:
        back.close()
    if got != XLSX_TITLE or row != [1, "幸福里小区", "示例物业服务有限公司"]:
        raise RuntimeError(f"read back {got!r}, {row!r}")
    return f"写入并读回中文标题“{XLSX_TITLE}”"


CHECKS: list[tuple[str, Check]] = [
    ("中文字体", _check_fonts),
    ("数据库迁移", _check_database),
    ("规则包", _check_rules),
    ("PDF 输出", _check_pdf),
    ("整改通知书", _check_notice),
    ("Excel 输出", _check_xlsx),
]


class _Printer:
    """Writes lines even to a console whose code page lacks ✓/✗ (cp936 has only √/×)."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        encoding = getattr(out, "encoding", None) or "utf-8"
        self.ok, self.fail = "✓", "✗"
        for ok, fail in (("✓", "✗"), ("√", "×"), ("OK", "X")):
            try:
                (ok + fail).encode(encoding)
            except (UnicodeEncodeError, LookupError):
                continue
            self.ok, self.fail = ok, fail
            break
        self.encoding = encoding

    def line(self, text: str) -> None:
        try:
            self.out.write(text + "\n")
        except UnicodeEncodeError:
            self.out.write(text.encode(self.encoding, "replace").decode(self.encoding) + "\n")
        self.out.flush()


def run(out: TextIO) -> int:
    """Run every check, print one line each and a summary; 0 only when all pass."""
    printer = _Printer(out)
    kind = "打包版" if paths.is_frozen() else "源码运行"
    printer.line(f"PropDesk {__version__} 自检（{kind}，程序目录：{paths.program_dir()}）")
    failed = 0
    with tempfile.TemporaryDirectory(
        prefix="propdesk-selfcheck-", ignore_cleanup_errors=True
    ) as tmp:
        data = paths.ensure_data_dir(Path(tmp))
        for name, check in CHECKS:
            try:
                detail = check(data)
            except Exception as exc:  # report every check, whatever breaks
                failed += 1
                printer.line(f"{printer.fail} {name}：失败 —— {type(exc).__name__}: {exc}")
                printer.line("    " + traceback.format_exc().strip().replace("\n", "\n    "))
            else:
                printer.line(f"{printer.ok} {name}：{detail}")
    total = len(CHECKS)
    if Path(tmp).exists():  # on Windows: some file was left open
        failed += 1
        total += 1
        printer.line(f"{printer.fail} 清理：临时文件夹 {tmp} 无法删除，有文件未关闭")
    if failed:
        printer.line(f"自检未通过：{total} 项中有 {failed} 项失败。")
        return 1
    printer.line(f"自检通过：{total} 项全部正常。")
    return 0
