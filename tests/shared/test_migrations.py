"""One Alembic chain: it builds the schema from nothing, and matches the models exactly."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from persistence.base import all_tables
from persistence.database import make_engine, pending_revision, upgrade


def test_upgrade_head_on_an_empty_database_matches_the_models(database_url):
    engine = make_engine(database_url)
    try:
        assert pending_revision(engine) is not None
        upgrade(engine)
        assert pending_revision(engine) is None
        assert {"goals", "members"} <= set(inspect(engine).get_table_names())
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), all_tables())
        assert differences == []
        upgrade(engine)  # running it again changes nothing
    finally:
        engine.dispose()
