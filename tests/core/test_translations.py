"""The portal speaks Dutch first and English second: both catalogues are complete and compiled."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_it_has_no_empty_or_fuzzy_translation(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    empty = [entry.msgid for entry in catalogue.untranslated_entries()]
    assert not fuzzy, f"{language}: fuzzy entries: {fuzzy[:10]}"
    assert not empty, f"{language}: untranslated entries: {empty[:10]}"
    assert len(catalogue) > 100


@pytest.mark.parametrize("language", ["nl", "en"])
def test_it_ships_compiled_catalogues_that_match_the_sources(language):
    # A fresh machine may lack GNU gettext, so the compiled .mo files are part of the repository.
    source = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    compiled = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))
    compiled_entries = {(entry.msgctxt, entry.msgid): entry for entry in compiled}
    for entry in source.translated_entries():
        key = (entry.msgctxt, entry.msgid)
        assert key in compiled_entries, f"{language}: {entry.msgid!r} is not compiled: run `make messages`"
        if entry.msgid_plural:
            assert compiled_entries[key].msgstr_plural == entry.msgstr_plural
        else:
            assert compiled_entries[key].msgstr == entry.msgstr, f"{language}: {entry.msgid!r} compiled differs"


def test_it_finds_no_string_missing_from_the_catalogues(tmp_path):
    """Every translatable string in the code is in the Dutch catalogue (no one forgot `make messages`)."""
    import os
    import shutil

    from django.core.management import call_command
    from django.test import override_settings

    if not shutil.which("xgettext"):
        pytest.skip("GNU gettext (xgettext) is not installed; the committed catalogues are checked above")
    work = tmp_path / "project"
    ignore = shutil.ignore_patterns(".venv", "staticfiles", ".git", "__pycache__", "test-artifacts", "node_modules")
    shutil.copytree(settings.BASE_DIR, work, ignore=ignore)
    cwd = os.getcwd()
    try:
        os.chdir(work)
        with override_settings(LOCALE_PATHS=[work / "locale"]):
            call_command(
                "makemessages", locale=["nl"], verbosity=0, no_obsolete=True, ignore_patterns=["tests/*", "docs/*"]
            )
    finally:
        os.chdir(cwd)
    fresh = polib.pofile(str(work / "locale" / "nl" / "LC_MESSAGES" / "django.po"))
    missing = [entry.msgid for entry in fresh.untranslated_entries() + fresh.fuzzy_entries()]
    assert not missing, f"strings missing from the Dutch catalogue: {missing[:10]}"
