"""SQLAlchemy tables, repositories and the unit of work; Alembic migrations; Redis adapters."""
