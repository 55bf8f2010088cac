"""the unit type of a prep group's leader

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 18:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Members recorded before keep no type: their leader is judged by the unit's name as then.
    with op.batch_alter_table("governance_member", schema=None) as batch_op:
        batch_op.add_column(sa.Column("unit_type", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("governance_member", schema=None) as batch_op:
        batch_op.drop_column("unit_type")
