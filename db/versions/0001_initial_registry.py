"""Initial registry: office, neighbourhoods, communities, companies, audit log

Revision ID: 0001
Revises:
Create Date: 2026-11-23 09:25:21.215722
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "app_meta",
        sa.Column("key", sa.String(length=50), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_app_meta")),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("operator", sa.String(length=50), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("entity", sa.String(length=50), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("summary", sa.String(length=200), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index("ix_audit_log_entity", ["entity", "entity_id"], unique=False)

    op.create_table(
        "doc_number_prefix",
        sa.Column("doc_type", sa.String(length=32), nullable=False),
        sa.Column("prefix", sa.String(length=30), nullable=False),
        sa.PrimaryKeyConstraint("doc_type", name=op.f("pk_doc_number_prefix")),
    )
    op.create_table(
        "neighborhood",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_neighborhood")),
        sa.UniqueConstraint("name", name=op.f("uq_neighborhood_name")),
    )
    op.create_table(
        "office",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("level", sa.String(length=32), nullable=False),
        sa.Column("county", sa.String(length=100), nullable=False),
        sa.Column("contact_person", sa.String(length=50), nullable=False),
        sa.Column("contact_phone", sa.String(length=30), nullable=False),
        sa.Column("complaint_phone", sa.String(length=30), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_office")),
    )
    op.create_table(
        "property_company",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("uscc", sa.String(length=18), nullable=True),
        sa.Column("legal_representative", sa.String(length=50), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=30), nullable=False),
        sa.Column("credit_grade", sa.String(length=8), nullable=False),
        sa.Column("listing", sa.String(length=32), nullable=False),
        sa.Column("listing_date", sa.Date(), nullable=True),
        sa.Column("listing_reason", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_property_company")),
        sa.UniqueConstraint("name", name=op.f("uq_property_company_name")),
        sa.UniqueConstraint("uscc", name=op.f("uq_property_company_uscc")),
    )
    op.create_table(
        "community",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("neighborhood_id", sa.Integer(), nullable=False),
        sa.Column("year_built", sa.Integer(), nullable=True),
        sa.Column("building_count", sa.Integer(), nullable=True),
        sa.Column("household_count", sa.Integer(), nullable=True),
        sa.Column("private_area", sa.Integer(), nullable=True),
        sa.Column("delivered_share", sa.Integer(), nullable=True),
        sa.Column("is_high_rise", sa.Boolean(), nullable=False),
        sa.Column("elevator_count", sa.Integer(), nullable=True),
        sa.Column("is_old_estate", sa.Boolean(), nullable=False),
        sa.Column("estate_type", sa.String(length=32), nullable=False),
        sa.Column("management_mode", sa.String(length=32), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=True),
        sa.Column("project_manager_name", sa.String(length=50), nullable=False),
        sa.Column("project_manager_phone", sa.String(length=30), nullable=False),
        sa.Column("has_party_branch", sa.Boolean(), nullable=False),
        sa.Column("committee_status", sa.String(length=32), nullable=False),
        sa.Column("contract_start", sa.Date(), nullable=True),
        sa.Column("contract_end", sa.Date(), nullable=True),
        sa.Column("service_grade", sa.String(length=20), nullable=False),
        sa.Column("fee_standard", sa.Integer(), nullable=True),
        sa.Column("filing_area", sa.Date(), nullable=True),
        sa.Column("filing_committee", sa.Date(), nullable=True),
        sa.Column("filing_contract", sa.Date(), nullable=True),
        sa.Column("filing_manager", sa.Date(), nullable=True),
        sa.Column("filing_handover", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("archived_at", sa.Date(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["property_company.id"],
            name=op.f("fk_community_company_id_property_company"),
        ),
        sa.ForeignKeyConstraint(
            ["neighborhood_id"],
            ["neighborhood.id"],
            name=op.f("fk_community_neighborhood_id_neighborhood"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_community")),
        sa.UniqueConstraint("name", name=op.f("uq_community_name")),
    )
    with op.batch_alter_table("community", schema=None) as batch_op:
        batch_op.create_index("ix_community_company_id", ["company_id"], unique=False)
        batch_op.create_index("ix_community_contract_end", ["contract_end"], unique=False)
        batch_op.create_index("ix_community_neighborhood_id", ["neighborhood_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("community", schema=None) as batch_op:
        batch_op.drop_index("ix_community_neighborhood_id")
        batch_op.drop_index("ix_community_contract_end")
        batch_op.drop_index("ix_community_company_id")

    op.drop_table("community")
    op.drop_table("property_company")
    op.drop_table("office")
    op.drop_table("neighborhood")
    op.drop_table("doc_number_prefix")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_log_entity")

    op.drop_table("audit_log")
    op.drop_table("app_meta")
