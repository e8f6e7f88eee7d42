"""Alembic environment: the engine comes from persistence.database, never from a config file."""

from alembic import context

from persistence.tables import Base

engine = context.config.attributes["engine"]

with engine.begin() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True, compare_type=True)
    context.run_migrations()
