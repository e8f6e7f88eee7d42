"""Alembic environment: the engine comes from persistence.database, never from a config file."""

from alembic import context

from persistence.base import UTCDateTime, all_tables


def render_item(kind, item, autogen_context):
    """Write our UTC column type as the plain type it stores, so migrations never import the models."""
    if kind == "type" and isinstance(item, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


engine = context.config.attributes["engine"]

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=all_tables(),
        render_as_batch=True,
        render_item=render_item,
        compare_type=True,
    )
    context.run_migrations()
