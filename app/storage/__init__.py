"""The only package that imports SQLAlchemy and Alembic."""
