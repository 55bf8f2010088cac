"""Everything PySide6. Never imports app.storage or sqlalchemy."""
