"""Search that understands people, shared by every list with a search box.

Interface
---------
``search(queryset, query, fields={"title": "A", "description": "B", "organisation__name": "C"},
trigram_fields=("title",), document=None, vector=None, vocabulary=None)`` returns ``queryset`` narrowed to what
``query`` finds and ordered by relevance (best first, then the queryset's own order). An empty query returns the
queryset unchanged.

- ``fields``: text columns, also across relations (``organisation__name``, ``neighbourhoods__name``: a
  many-valued relation is read as one text per row, so no row appears twice), each with a weight "A" to
  "D" that ranks a match in it (A highest).
- Every word of the query must be found in one of the fields: several words narrow the result across
  fields ("voetbal sluizeken" finds football offers in Sluizeken - Tolhuis - Ham). The last word is also
  matched as the start of a word ("voetb" finds "voetbal"), so results follow typing.
- ``trigram_fields`` (PostgreSQL): a word not found as a word is also found by its resemblance to a word
  in these fields (``pg_trgm``), so a typo ("voetbl") still finds "voetbal".
- ``document`` (optional): the name of a stored text column holding the folded text (``fold()``) of all
  the fields, kept up to date by the app and indexed with GIN indexes (``portal_dutch`` full-text and
  ``gin_trgm_ops``). Words are then matched against it (fast on large tables); a word found nowhere as a
  word (one count per word, on the index) is looked up by resemblance in ``lower(field)`` of the
  ``trigram_fields`` (index that expression with ``gin_trgm_ops``); the rank is then the number of words
  found in the "A" fields (cheap on thousands of matches).
- ``vector`` (optional, with ``document``): the name of a ``tsvector`` column that PostgreSQL generates from the
  document (``GENERATED ALWAYS AS (to_tsvector('portal_dutch', <document>)) STORED``, with its own GIN index),
  invisible to the ORM. Words are then matched against the stored vector: the database no longer parses each
  candidate's text again when it checks a row (about 60 µs a row: 6 s for a word most offers hold, against 0.2 s),
  and asking whether a word is found at all is an ``EXISTS`` that stops at the first row. Without it, the GIN index
  is on the expression ``to_tsvector('portal_dutch', <document>)``.
  Without it the text is computed per row: fine for thousands of rows, not for a region's offers.
- ``vocabulary`` (optional, PostgreSQL, with ``document``): a queryset of the words in use, a model with a ``word``
  field holding ``vocabulary_words()`` of every document, indexed with ``gin_trgm_ops``. A word found nowhere as a
  word is then looked up there by resemblance first, and the rows holding the closest words (at most three) are
  found on the full-text index, as if they had been typed: one look-up among the words instead of comparing the typo
  with a field of every candidate row. Only when no word resembles it does the search compare it with the
  ``trigram_fields``.

``similar(queryset, text, fields=..., limit=5)`` returns the objects whose words resemble ``text`` (any
word counts, the more the better), best first, at most ``limit``: e.g. open signals of the same theme
and area with similar words, ``similar(Signal.objects.open().filter(theme=t, area=a).exclude(pk=s.pk),
s.title + " " + s.description, fields={"title": "A", "description": "B"})``.

``fold(text)`` is the folding both backends agree on: lower case, accents removed ("Café Één" ->
"cafe een"). ``query_words(query)`` are the folded words of a query that take part.

How each database does it
-------------------------
PostgreSQL: full-text search in the ``portal_dutch`` text search configuration (Dutch stemming, with
``unaccent``: "cafe" finds "café"), ranked with ``ts_rank`` on the weighted fields; the extensions and
the configuration are created by a migration (``offers/migrations/0003_search_postgresql.py``), which an
app's own GIN indexes depend on. A Dutch stop word ("de", "het") narrows nothing.
SQLite (the embedded default): each word is matched case- and accent-insensitively inside the fields;
the rank is the number of words found in A and B fields, so the title still comes first.
"""

import re
import unicodedata

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Expression,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    StringAgg,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import Func
from django.db.models.functions import Coalesce

CONFIG = "portal_dutch"
MAX_WORDS = 8
WEIGHTS = ("A", "B", "C", "D")
_WORD = re.compile(r"[^\W_]+")
# Letters and the accented forms a person may type or leave out (SQLite has no unaccent).
_ACCENTS = {
    "a": "aàáâãäå",
    "c": "cç",
    "e": "eèéêë",
    "i": "iìíîï",
    "n": "nñ",
    "o": "oòóôõö",
    "u": "uùúûü",
    "y": "yýÿ",
}


def fold(text: str) -> str:
    """Lower case without accents, as both databases compare words."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def vocabulary_words(folded_text: str) -> set[str]:
    """The words of an already folded text that a typo may be looked up among: four characters or more, not a number."""
    return {word for word in _WORD.findall(folded_text or "") if 3 < len(word) <= 100 and not word.isdigit()}


def query_words(query: str) -> list[str]:
    """The folded words of ``query`` (letters and digits), at most ``MAX_WORDS``."""
    return _WORD.findall(fold(query or ""))[:MAX_WORDS]


def search(
    queryset,
    query: str,
    *,
    fields: dict[str, str],
    trigram_fields=(),
    document: str | None = None,
    vector: str | None = None,
    vocabulary=None,
):
    """``queryset`` narrowed to the rows every word of ``query`` matches, best first (see the module docstring)."""
    words = query_words(query)
    if not words:
        return queryset
    _check_weights(fields)
    order = _own_order(queryset)
    queryset, texts = _annotate_texts(queryset, fields, trigram_fields)
    if connection.vendor == "postgresql" and document:
        # A stored, indexed document: a word found as a word narrows with the full-text index alone; only a word
        # found nowhere (a typo) is looked up by resemblance, which is slower. The rank counts the words found in
        # the A fields: cheap, where ts_rank would compute the vector of every matching row again.
        model = queryset.model._default_manager
        stored = _document_vector(document, vector)
        for word, last in _with_last(words):
            condition = _pg_word_matches(word, texts, fields, (), stored, last)
            resemblance = len(word) > 3 and (trigram_fields or vocabulary is not None)
            if resemblance and not _found_anywhere(model, stored, word, last, vector):
                condition = _resembling(word, texts, fields, trigram_fields, stored, last, vocabulary)
            queryset = queryset.filter(condition)
        rank = _count_rank(words, texts, [name for name, weight in fields.items() if weight == "A"])
    elif connection.vendor == "postgresql":
        queryset = queryset.filter(
            *[_pg_word_matches(word, texts, fields, trigram_fields, None, last) for word, last in _with_last(words)]
        )
        rank = _pg_rank(words, texts, fields, trigram_fields)
    else:
        for word in words:
            source = [document] if document else list(fields)
            queryset = queryset.filter(_any_contains(word, [texts.get(name, name) for name in source]))
        rank = _count_rank(words, texts, [name for name, weight in fields.items() if weight in "AB"])
    return queryset.annotate(search_rank=rank).order_by("-search_rank", *order)


def similar(queryset, text: str, *, fields: dict[str, str], limit: int = 5):
    """At most ``limit`` rows sharing words with ``text``, the most alike first."""
    words = list(dict.fromkeys(w for w in query_words_all(text) if len(w) > 2))
    if not words:
        return queryset.none()
    _check_weights(fields)
    queryset, texts = _annotate_texts(queryset, fields, ())
    if connection.vendor == "postgresql":
        tsquery = _tsquery(" | ".join(words))
        vector = _pg_vector(texts, fields)
        queryset = queryset.filter(_Matches(vector, tsquery))
        rank = _Func(vector, tsquery, template="ts_rank(%(expressions)s)", output_field=FloatField())
    else:
        names = list(fields)
        queryset = queryset.filter(_any_contains_any(words, [texts.get(n, n) for n in names]))
        rank = _count_rank(words, texts, names)
    return queryset.annotate(search_rank=rank).order_by("-search_rank", *_own_order(queryset))[:limit]


def query_words_all(text: str) -> list[str]:
    """All folded words of a longer text (for ``similar``), the first 30."""
    return _WORD.findall(fold(text or ""))[:30]


# -- building blocks -----------------------------------------------------------------------------------


class _Func(Func):
    """A SQL function written out in a template; the values it carries are always query parameters."""


class _Matches(Func):
    template = "(%(expressions)s)"
    arg_joiner = " @@ "
    output_field = BooleanField()


def _check_weights(fields):
    if not fields or any(weight not in WEIGHTS for weight in fields.values()):
        raise ValueError("search fields need a weight: A, B, C or D")


def _own_order(queryset):
    return list(queryset.query.order_by or queryset.model._meta.ordering or ["pk"])


def _with_last(words):
    return [(word, index == len(words) - 1) for index, word in enumerate(words)]


def _is_many_valued(model, path: str) -> bool:
    for part in path.split("__")[:-1]:
        field = model._meta.get_field(part)
        if field.many_to_many or field.one_to_many:
            return True
        model = field.related_model
    return False


def _annotate_texts(queryset, fields, trigram_fields):
    """Many-valued fields become one text per row (a subquery), annotated as ``_search_<n>``."""
    texts = {}
    annotations = {}
    for index, name in enumerate(dict.fromkeys([*fields, *trigram_fields])):
        if _is_many_valued(queryset.model, name):
            alias = f"_search_{index}"
            inner = (
                queryset.model._default_manager.filter(pk=OuterRef("pk"))
                .values("pk")
                .annotate(text=StringAgg(name, Value(" ")))
                .values("text")
            )
            annotations[alias] = Subquery(inner, output_field=TextField())
            texts[name] = alias
    if annotations:
        queryset = queryset.alias(**annotations)
    return queryset, texts


def _text(texts, name):
    return Coalesce(F(texts.get(name, name)), Value(""), output_field=TextField())


def _tsquery(expression: str):
    # Only letters, digits, "&", "|" and ":*" reach to_tsquery: the words come from query_words().
    return _Func(Value(expression), template=f"to_tsquery('{CONFIG}'::regconfig, %(expressions)s)")


def _pg_vector(texts, fields):
    parts = [
        _Func(
            _text(texts, name), template=f"setweight(to_tsvector('{CONFIG}'::regconfig, %(expressions)s), '{weight}')"
        )
        for name, weight in fields.items()
    ]
    if len(parts) == 1:
        return parts[0]
    return _Func(*parts, template="(%(expressions)s)", arg_joiner=" || ")


class _GeneratedColumn(Expression):
    """A column of the queryset's own table that the database computes and the ORM does not know."""

    def __init__(self, column: str):
        super().__init__(output_field=TextField())
        self.column = column

    def as_sql(self, compiler, connection):
        # The alias is read when the SQL is written, so it holds in a subquery or a count's wrapper too.
        alias = compiler.quote_name(compiler.query.get_initial_alias())
        return f"{alias}.{connection.ops.quote_name(self.column)}", []


def _document_vector(document, vector=None):
    # Exactly what the app's GIN index covers: the generated vector column, or the expression over the document.
    if vector:
        return _GeneratedColumn(vector)
    return _Func(F(document), template=f"to_tsvector('{CONFIG}'::regconfig, %(expressions)s)")


def _found_anywhere(model, stored, word, last, vector) -> bool:
    """Whether any row holds ``word`` as a word, on the full-text index."""
    found = model.filter(_Matches(stored, _tsquery(f"{word}:*" if last else word))).order_by()
    if vector:
        return found.exists()
    # A count, not EXISTS: over the expression, PostgreSQL may scan the table hoping for an early match and parse
    # every row's text on the way (seconds for a word found nowhere).
    return bool(found.count())


def _resembling(word, texts, fields, trigram_fields, stored, last, vocabulary):
    """The condition for a word found nowhere as a word (a typo): the rows holding the words in use that resemble it,
    or else the rows whose ``trigram_fields`` resemble it."""
    if vocabulary is not None:
        likeness = _Func(F("word"), Value(word), template="similarity(%(expressions)s)", output_field=FloatField())
        alike = _Func(
            F("word"), Value(word), template="(%(expressions)s)", arg_joiner=" %% ", output_field=BooleanField()
        )
        close = list(
            vocabulary.filter(alike)
            .annotate(likeness=likeness)
            .order_by("-likeness", "word")
            .values_list("word", flat=True)[:3]
        )
        # Only plain words reach to_tsquery (the words in use come from vocabulary_words).
        close = [w for w in close if _WORD.fullmatch(w)]
        if close:
            return Q(_Matches(stored, _tsquery(" | ".join(close))))
    if not trigram_fields:
        return Q(pk__in=[])
    # By resemblance alone (with the words, every row's vector is read again).
    return _pg_word_matches(word, texts, fields, trigram_fields, stored, last, as_word=False)


def _pg_word_matches(word, texts, fields, trigram_fields, document, last, as_word=True):
    """``document``: the stored document's vector (``_document_vector``), or None to build one from ``fields``."""
    term = f"{word}:*" if last else word
    tsquery = _tsquery(term)
    if document is not None:
        vector = document
        resembling = list(trigram_fields)
    else:
        vector = _pg_vector(texts, fields)
        resembling = [texts.get(name, name) for name in trigram_fields]
    # A stop word becomes an empty query, which matches nothing: let it narrow nothing instead.
    conditions = []
    if as_word:
        conditions += [
            _Matches(vector, tsquery),
            _Func(tsquery, template="(numnode(%(expressions)s) = 0)", output_field=BooleanField()),
        ]
    if len(word) > 3:
        for name in resembling:
            # With a document, lower(field): the expression an app's trigram index covers (long documents are
            # too slow to compare by resemblance).
            template = "lower(%(expressions)s)" if document is not None else "unaccent(lower(%(expressions)s))"
            source = _Func(F(name) if document is not None else _text(texts, name), template=template)
            conditions.append(
                _Func(
                    Value(word), source, template="(%(expressions)s)", arg_joiner=" <%% ", output_field=BooleanField()
                )
            )
    condition = Q(conditions[0])
    for extra in conditions[1:]:
        condition |= Q(extra)
    return condition


def _pg_rank(words, texts, fields, trigram_fields):
    tsquery = _tsquery(" | ".join(f"{w}:*" if last else w for w, last in _with_last(words)))
    rank = _Func(_pg_vector(texts, fields), tsquery, template="ts_rank(%(expressions)s)", output_field=FloatField())
    if not trigram_fields:
        return rank
    first = trigram_fields[0]
    likeness = _Func(
        Value(" ".join(words)),
        _Func(_text(texts, first), template="unaccent(lower(%(expressions)s))"),
        template="word_similarity(%(expressions)s)",
        output_field=FloatField(),
    )
    # A typo's resemblance counts, less than a word found.
    return _Func(rank, likeness, template="(%(expressions)s)", arg_joiner=" + 0.1 * ", output_field=FloatField())


def _accent_pattern(word: str) -> str:
    return "".join(f"[{_ACCENTS[c]}]" if c in _ACCENTS else re.escape(c) for c in word)


def _contains(word, name) -> Q:
    return Q(**{f"{name}__iregex": _accent_pattern(word)})


def _any_contains(word, names) -> Q:
    condition = Q()
    for name in names:
        condition |= _contains(word, name)
    return condition


def _any_contains_any(words, names) -> Q:
    condition = Q()
    for word in words:
        condition |= _any_contains(word, names)
    return condition


def _count_rank(words, texts, names):
    if not names:
        return Value(0, output_field=IntegerField())
    hits = [
        Case(When(_contains(word, texts.get(name, name)), then=Value(1)), default=Value(0), output_field=IntegerField())
        for word in words
        for name in names
    ]
    total = hits[0]
    for hit in hits[1:]:
        total = total + hit
    return total
