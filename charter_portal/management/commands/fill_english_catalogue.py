"""Fill the English catalogue from the source strings, which are English.

``makemessages -l en`` leaves every msgstr empty; the portal's English text is its source text, so
each empty entry takes its msgid (and msgid_plural for the plural forms). Entries a translator
already wrote are kept. Run ``make messages`` afterwards to compile.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Copy source strings into empty entries of locale/en/LC_MESSAGES/django.po."

    def handle(self, *args, **options):
        path = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
        catalogue = polib.pofile(str(path))
        filled = 0
        for entry in catalogue:
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
                entry.msgstr = ""
                entry.msgstr_plural = dict.fromkeys(entry.msgstr_plural, "")
                entry.previous_msgid = None
                entry.previous_msgid_plural = None
                entry.previous_msgctxt = None
            if entry.msgid_plural:
                if not all(entry.msgstr_plural.values()):
                    entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
                    filled += 1
            elif not entry.msgstr:
                entry.msgstr = entry.msgid
                filled += 1
        catalogue.save()
        self.stdout.write(f"Filled {filled} English entries.")
