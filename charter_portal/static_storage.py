"""The static files' storage of a deployment: whitenoise's compressed, hashed files, with each file's URL worked
out once per process. The manifest of hashed names is read when the process starts and does not change until the
next deployment restarts it, so the URL of ``css/portal.css`` is the same for every request; working it out again
(the manifest lookup, quoting, joining with STATIC_URL) cost every page about a tenth of a millisecond."""

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force or settings.DEBUG:  # collectstatic's own lookups; unhashed names while debugging
            return super().url(name, force=force)
        url = self._urls.get(name)
        if url is None:
            url = self._urls[name] = super().url(name)
        return url
