"""The 小区 table: ids from a database query, rows loaded lazily."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt

from app.domain.community import CommunityQuery, CommunityRow
from app.services.community_service import CommunityService
from app.ui.models.id_table_model import Column, IdTableModel

COLUMNS: list[Column[CommunityRow]] = [
    Column("小区名称", lambda r: r.name + ("（已归档）" if r.archived else ""), "name", width=200),
    Column("所属社区", lambda r: r.neighborhood, "neighborhood", width=100),
    Column("管理方式", lambda r: r.management_mode.label, "management_mode", width=100),
    Column("物业服务企业", lambda r: r.company_name, "company", width=220),
    Column(
        "户数",
        lambda r: "" if r.household_count is None else str(r.household_count),
        "household_count",
        align_right=True,
        width=70,
    ),
    Column("业委会情况", lambda r: r.committee_status.label, "committee_status", width=100),
    Column("五备案", lambda r: f"{r.filings_complete}/5", "filings_complete", width=70),
    Column(
        "合同到期",
        lambda r: r.contract_end.isoformat() if r.contract_end else "",
        "contract_end",
        width=100,
    ),
]


class CommunityTableModel(IdTableModel[CommunityRow]):
    def __init__(self, service: CommunityService) -> None:
        super().__init__(COLUMNS, service.rows, lambda r: r.id, lambda r: r.archived)
        self._service = service
        self.query = CommunityQuery()
        self.loaded = False  # no query runs until the page is first shown
        # The ids of the last query without search text, reused while no write happened:
        # clearing the search box then costs a repaint, not a 20,000-row query.
        self._memo: tuple[CommunityQuery, int, list[int]] | None = None

    def set_query(self, query: CommunityQuery) -> None:
        self.query = query
        self.refresh()

    def refresh(self) -> None:
        self.loaded = True
        generation = self._service.generation()
        memo = self._memo
        if memo is not None and memo[0] == self.query and memo[1] == generation:
            self.set_ids(memo[2])
            return
        ids = self._service.search_ids(self.query)
        if not self.query.text.strip():
            self._memo = (self.query, generation, ids)
        self.set_ids(ids)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.columns[column].sort_key if 0 <= column < len(self.columns) else None
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.query = replace(self.query, sort_key=key, descending=descending)
        if self.loaded:
            self.refresh()
