"""Pure domain: enums, value objects and rules. Imports neither Qt nor SQLAlchemy."""
