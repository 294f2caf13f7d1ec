"""The "json" format of dumpdata and loaddata, without losing time precision.

Django's JSON encoder cuts datetimes and times to milliseconds, so a dump loaded back is not
the database it was taken from (a record's created_at moves by up to a millisecond). This
format writes them in full; reading is Django's own. Registered in SERIALIZATION_MODULES.
"""

import datetime

from django.core.serializers import json as django_json
from django.core.serializers.json import DjangoJSONEncoder


class LosslessJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class Serializer(django_json.Serializer):
    def _init_options(self):
        super()._init_options()
        if self.json_kwargs["cls"] is DjangoJSONEncoder:
            self.json_kwargs["cls"] = LosslessJSONEncoder


Deserializer = django_json.Deserializer
