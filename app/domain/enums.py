"""Enumerations of the registry. Values are the stored codes; `label` is the Chinese text."""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class LabelledEnum(StrEnum):
    """A StrEnum whose members carry a Chinese label; `parse` accepts code or label."""

    label: str

    def __new__(cls, code: str, label: str) -> LabelledEnum:
        obj = str.__new__(cls, code)
        obj._value_ = code
        obj.label = label
        return obj

    @classmethod
    def parse(cls, text: str) -> LabelledEnum:
        t = text.strip()
        for m in cls:
            if t in (m.value, m.label):
                return m
        raise ValueError(t)

    @classmethod
    def from_code(cls, code: str) -> Self:
        """The member stored as `code`; ValueError for anything else. (The same as
        cls(code), which the type checker cannot follow through __new__.)"""
        for m in cls:
            if m.value == code:
                return m
        raise ValueError(code)

    @classmethod
    def labels(cls) -> list[str]:
        return [m.label for m in cls]


class OfficeLevel(LabelledEnum):
    TOWNSHIP = ("township", "乡镇")
    STREET = ("street", "街道")
    COUNTY = ("county", "县")


class ManagementMode(LabelledEnum):
    PROFESSIONAL = ("professional", "专业物业")
    SELF_MANAGED = ("self_managed", "业主自管")
    COMMUNITY_MANAGED = ("community_managed", "社区代管")
    UNMANAGED = ("unmanaged", "无物业(失管)")


class EstateType(LabelledEnum):
    COMMERCIAL = ("commercial", "商品房")
    RESETTLEMENT = ("resettlement", "安置房")
    REFORMED = ("reformed", "房改房")
    DORMITORY = ("dormitory", "单位宿舍")
    OTHER = ("other", "其他")


class CommitteeStatus(LabelledEnum):
    """The registry's summary of a community's owners' body (一张表's 业委会情况)."""

    NONE = ("none", "未成立")
    PREPARING = ("preparing", "筹备中")
    COMMITTEE = ("committee", "已成立业委会")
    INTERIM = ("interim", "物管会")
    COMMUNITY_ACTING = ("community_acting", "社区代行")


class FilingKind(LabelledEnum):
    """The five filings (五备案)."""

    AREA = ("area", "管理区域备案")
    COMMITTEE = ("committee", "业委会备案")
    CONTRACT = ("contract", "合同备案")
    MANAGER = ("manager", "项目负责人备案")
    HANDOVER = ("handover", "承接查验备案")


class Listing(LabelledEnum):
    NONE = ("none", "无")
    RED = ("red", "红名单")
    BLACK = ("black", "黑名单")


class DocType(LabelledEnum):
    """Document types that take a 文号. The office sets a prefix for each."""

    RECTIFICATION_NOTICE = ("rectification_notice", "整改通知书")
    SERVICE_RECEIPT = ("service_receipt", "送达回证")
    REINSPECTION_OPINION = ("reinspection_opinion", "复查意见书")
    FUND_REVIEW = ("fund_review", "维修资金审核表")


SERVICE_GRADES = ["一级", "二级", "三级", "四级", "五级"]


# ---- the issue ledger (DOMAIN.md §3 "Inspection and Issue", §4.3) ----------------------------
class InspectionKind(LabelledEnum):
    ROUTINE = ("routine", "日常巡查")
    SPECIAL = ("special", "专项检查")
    JOINT = ("joint", "联合执法")
    COMPLAINT = ("complaint", "投诉核查")


class IssueSource(LabelledEnum):
    INSPECTION = ("inspection", "排查")
    COMPLAINT = ("complaint", "投诉")
    HOTLINE = ("hotline", "12345工单")
    PETITION = ("petition", "信访")
    ASSIGNED = ("assigned", "上级交办")
    MEDIA = ("media", "媒体")


class ResponsibleKind(LabelledEnum):
    COMPANY = ("company", "物业企业")
    COMMITTEE = ("committee", "业委会")
    DEPARTMENT = ("department", "职能部门")
    OWNER = ("owner", "业主")
    OTHER = ("other", "其他")


class IssueStatus(LabelledEnum):
    """Stored states. 逾期 is never stored: it is derived from the deadline and today."""

    OPEN = ("open", "待整改")
    NOTIFIED = ("notified", "已下发通知")
    RECTIFYING = ("rectifying", "整改中")
    AWAITING_REINSPECTION = ("awaiting_reinspection", "待复查")
    CLOSED = ("closed", "已销号")


class ServiceMethod(LabelledEnum):
    DIRECT = ("direct", "直接送达")
    LEFT = ("left", "留置送达")
    POST = ("post", "邮寄送达")
    ENTRUSTED = ("entrusted", "委托送达")


class AttachmentKind(LabelledEnum):
    BEFORE = ("before", "整改前")
    AFTER = ("after", "整改后")
    OTHER = ("other", "其他")
