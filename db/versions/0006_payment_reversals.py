"""payment reversals (冲销)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("fund_disbursement", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reverses_id", sa.Integer(), nullable=True))
        batch_op.create_unique_constraint(
            batch_op.f("uq_fund_disbursement_reverses_id"), ["reverses_id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_fund_disbursement_reverses_id_fund_disbursement"),
            "fund_disbursement",
            ["reverses_id"],
            ["id"],
            ondelete="RESTRICT",
        )


def downgrade() -> None:
    with op.batch_alter_table("fund_disbursement", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_fund_disbursement_reverses_id_fund_disbursement"), type_="foreignkey"
        )
        batch_op.drop_constraint(batch_op.f("uq_fund_disbursement_reverses_id"), type_="unique")
        batch_op.drop_column("reverses_id")
