"""The departments registry (职能部门): who handles what in a community, with contacts.
It starts from a default list drawn from the seeds' division of duties (seed 000 §四,
seed 001 §五(一)); the office edits it to its own people and numbers."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.errors import ValidationError


@dataclass(frozen=True)
class DepartmentFields:
    name: str
    duties: str = ""
    contact_person: str = ""
    phone: str = ""
    sort_order: int = 0
    active: bool = True  # shown on the 公示牌

    def check(self) -> None:
        if not self.name.strip():
            raise ValidationError("请填写部门名称", field="name")
        if len(self.name.strip()) > 60:
            raise ValidationError("部门名称不能超过60个字", field="name")
        if len(self.duties) > 500:
            raise ValidationError("职责说明不能超过500个字", field="duties")


@dataclass(frozen=True)
class Department:
    id: int
    fields: DepartmentFields


CONTACT_MAX = 50
PHONE_MAX = 40


def validate_department(f: DepartmentFields) -> DepartmentFields:
    """The fields with blanks trimmed, or ValidationError naming the bad field."""
    clean = DepartmentFields(
        name=f.name.strip(),
        duties=f.duties.strip(),
        contact_person=f.contact_person.strip(),
        phone=f.phone.strip(),
        sort_order=f.sort_order,
        active=f.active,
    )
    clean.check()
    if len(clean.contact_person) > CONTACT_MAX:
        raise ValidationError(f"联系人不能超过{CONTACT_MAX}个字", field="contact_person")
    if len(clean.phone) > PHONE_MAX:
        raise ValidationError(f"联系电话不能超过{PHONE_MAX}个字", field="phone")
    return clean


# The default list, as residents need it on the 执法进小区公示牌: what to call each
# department about, in one plain sentence. Duties are condensed from seed 000 §四 and
# seed 001 §五(一) (the numbers in the comments); 生态环境 and 卫健 appear only in
# seed 001 (items 16 and 9). Contact person and phone are left for the office to fill.
_DEFAULTS: tuple[tuple[str, str], ...] = (
    (  # 000 §四(三)(九); 001 1
        "县住房和城乡建设局",
        "物业服务企业监管（服务质量、信息公示、合同和承接查验备案）、住宅专项维修资金使用审核、"
        "房屋质量与室内装饰装修管理",
    ),
    (  # 000 §四(五); 001 2
        "县城市管理和综合执法局",
        "查处小区内违章搭建、占用绿地和公共场地、擅自改变房屋外立面和用途、乱贴乱画等行为，"
        "负责垃圾清运等环境卫生管理",
    ),
    (  # 000 §四(六); 001 3
        "县市场监督管理局",
        "查处物业收费中超标准收费、强制收费、不明码标价等价格违法行为和无照经营，"
        "负责电梯等特种设备安全监察",
    ),
    (  # 000 §四(四); 001 4
        "县公安局",
        "小区治安防范和安防设施监督，物业保安管理，处理车辆乱停乱放、占用消防通道，"
        "查处影响公共安全和秩序的违法行为",
    ),
    (  # 001 6
        "县消防救援大队",
        "住宅小区消防安全监管，开展火灾预防和消防监督执法，查处违反消防规定的行为",
    ),
    (  # 000 §四(八); 001 8
        "县应急管理局",
        "督促指导小区消防安全管理和隐患排查整治，组织消防安全巡查、培训和演练",
    ),
    (  # 000 §四(二); 001 5
        "县自然资源局",
        "住宅小区规划和配套设施配置，审核小区内规划申请，处理涉及规划的纠纷和历史遗留问题",
    ),
    (  # 000 §四(七); 001 7
        "县发展和改革局",
        "制定物业服务收费政府指导价，受理物业收费政策咨询、投诉和纠纷",
    ),
    (  # 001 16 (named 市生态环境局××分局 there; the office writes its own name)
        "县生态环境分局",
        "监督管理小区周边企业排污和工业噪声污染，查处环境违法行为",
    ),
    (  # 001 9
        "县卫生健康局",
        "二次供水等居民饮用水卫生监督，查处未经许可利用住宅开办餐饮等影响环境卫生的经营活动",
    ),
    (  # 001 12
        "县司法局",
        "指导乡镇、社区人民调解组织调解物业管理矛盾纠纷",
    ),
    (  # 001 19
        "县信访局",
        "物业管理问题的信访登记、接待、转办和督办",
    ),
)

DEFAULT_DEPARTMENTS: tuple[DepartmentFields, ...] = tuple(
    DepartmentFields(name=name, duties=duties, sort_order=10 * (i + 1))
    for i, (name, duties) in enumerate(_DEFAULTS)
)
