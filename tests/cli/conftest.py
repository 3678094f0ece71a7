"""Fixtures the CLI tests share with the batch tests (the small generated registry)."""

from tests.batch.conftest import registry, registry_template  # noqa: F401
