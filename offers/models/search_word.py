from django.db import models


class SearchWord(models.Model):
    """A word of four letters or more found in some offer's search text (folded: lower case, no accents).

    The directory's search looks a typo up here, by resemblance (``pg_trgm``, a trigram index on PostgreSQL), and then
    searches the offers for the words it resembles on the full-text index: one look-up in a few thousand words instead
    of comparing the typo with the title of every candidate offer. Kept by ``offers.search.offer_search_refresh``:
    saving an offer adds its new words, a full refresh also drops the words no offer holds any more.
    """

    word = models.CharField(max_length=100, primary_key=True)

    class Meta:
        ordering = ["word"]

    def __str__(self):
        return self.word
