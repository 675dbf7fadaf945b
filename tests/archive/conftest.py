"""Fixtures shared by the archive and admin tests."""
import pytest


@pytest.fixture
def staff(client, editor, sample_pages):
    """The test client logged in as an editor, with the five sample pages imported."""
    client.force_login(editor)
    return client
