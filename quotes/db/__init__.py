"""Storage: SQLAlchemy models, migrations, ingest and read queries. ORM objects never leave this package."""
