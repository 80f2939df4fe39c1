"""The directory's search: each offer's folded search text (one indexed column) and the query over it.

The text holds what a parent or youth worker may type: the title and description, the organisation's name,
the neighbourhoods and movement circles, the functions in Dutch and English, the languages spoken (the note
and the names of the codes, in both languages) and "gratis"/"free" or "uitpas" for the cost. It is kept up
to date by ``offers/receivers.py`` on every save of an offer, its links or its organisation's name, and
filled in bulk by ``offer_search_refresh`` (migrations, scale data), which also keeps the words in use
(``SearchWord``), where a typo is looked up. See charter_portal/search.py.
"""

from django.db.models import Prefetch
from django.utils import translation

from charter_portal.search import fold, search, vocabulary_words
from neighbourhoods.models import Neighbourhood
from offers.models import Offer, SearchWord
from offers.models.offer import LANGUAGE_NAMES

# Ranking only: the words are matched against ``search_text`` (on PostgreSQL its generated vector ``search_vector``,
# offers/migrations/0008_offer_search_vector.py, with a GIN index).
RANK_FIELDS = {"title": "A", "description": "B", "organisation__name": "B", "languages": "C"}
BATCH = 2000


def offer_search_text(offer: Offer) -> str:
    parts = [offer.title, offer.description, offer.organisation.name, offer.languages, offer.address]
    parts += [n.name for n in offer.neighbourhoods.all()]
    parts += [c.name for c in offer.movement_circles.all()]
    for function in offer.functions.all():
        parts += [function.name_nl, function.name_en]
    for code in offer.language_code_list:
        for language in ("nl", "en"):
            with translation.override(language):
                parts.append(str(LANGUAGE_NAMES.get(code, code)))
    if offer.is_free:
        parts += ["gratis", "free"]
    if offer.has_reduced_rate:
        parts += ["uitpas", "kansentarief"]
    return fold(" ".join(p for p in parts if p))


def offer_search_refresh(queryset=None) -> int:
    """Recompute the search text of the offers in ``queryset`` (all by default) and add their words to the words in
    use; returns how many offers. Without a queryset, the words no offer holds any more are dropped too."""
    everything = queryset is None
    queryset = (Offer.objects.all() if everything else queryset).order_by("pk")
    queryset = queryset.select_related("organisation").prefetch_related(
        "functions", Prefetch("neighbourhoods", queryset=Neighbourhood.objects.only("pk", "name")), "movement_circles"
    )
    done, last = 0, 0
    words = set()
    while True:
        batch = list(queryset.filter(pk__gt=last)[:BATCH])
        if not batch:
            break
        for offer in batch:
            offer.search_text = offer_search_text(offer)
            words.update(vocabulary_words(offer.search_text))
        Offer.objects.bulk_update(batch, ["search_text"], batch_size=500)
        done += len(batch)
        last = batch[-1].pk
    if everything:
        _drop_unused(words)
    new = [SearchWord(word=word) for word in sorted(words)]
    SearchWord.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
    return done


def _drop_unused(words: set) -> None:
    unused = sorted(set(SearchWord.objects.values_list("word", flat=True)) - words)
    for start in range(0, len(unused), 5000):
        SearchWord.objects.filter(word__in=unused[start : start + 5000]).delete()


def offer_search(queryset, query: str):
    """Offers matching every word of ``query``, best first (charter_portal.search)."""
    return search(
        queryset,
        query,
        fields=RANK_FIELDS,
        trigram_fields=("title",),
        document="search_text",
        vector="search_vector",
        vocabulary=SearchWord.objects.all(),
    )
