"""Django's JSON serialisation, but with times to the microsecond.

Django's encoder cuts times to milliseconds. A restore must give back every value exactly: the signature
chain hashes its entries' timestamps to the microsecond, and history is ordered by them. The files stay plain
Django JSON: ``loaddata`` reads them with its own JSON deserialiser."""

import datetime

from django.core.serializers.json import Deserializer as JSONDeserializer
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer

FORMAT = "portal-json"


class ExactJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(JSONSerializer):
    def _init_options(self):
        self.options.setdefault("cls", ExactJSONEncoder)
        super()._init_options()


Deserializer = JSONDeserializer
