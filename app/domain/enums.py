"""Enumerations of the registry. Values are the stored codes; `label` is the Chinese text."""

from __future__ import annotations

from enum import StrEnum


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
