"""The office profile (本单位), printed on every document."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from app.domain.community import check_phone
from app.domain.enums import DocType, OfficeLevel
from app.domain.errors import ValidationError


@dataclass(frozen=True)
class OfficeProfile:
    name: str = ""
    level: OfficeLevel = OfficeLevel.TOWNSHIP
    county: str = ""
    contact_person: str = ""
    contact_phone: str = ""
    complaint_phone: str = ""
    address: str = ""
    prefixes: dict[DocType, str] = field(default_factory=dict)

    def prefix(self, doc_type: DocType) -> str:
        return self.prefixes.get(doc_type, "")


PROFILE_FIELDS = (
    "name",
    "level",
    "county",
    "contact_person",
    "contact_phone",
    "complaint_phone",
    "address",
)


def validate_profile(p: OfficeProfile) -> OfficeProfile:
    if not p.name.strip():
        raise ValidationError("单位名称不能为空", field="name", value=p.name)
    check_phone("contact_phone", "联系电话", p.contact_phone)
    check_phone("complaint_phone", "投诉电话", p.complaint_phone)
    for doc_type, prefix in p.prefixes.items():
        if any(ch in prefix for ch in "〔〕[]"):
            raise ValidationError(
                f"{doc_type.label}的文号前缀不要包含年份括号“〔〕”，程序会自动加上年份",
                field=f"prefix:{doc_type.value}",
                value=prefix,
            )
    prefixes = {k: v.strip() for k, v in p.prefixes.items()}
    return replace(p, name=p.name.strip(), prefixes=prefixes)
