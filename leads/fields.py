"""Model fields whose database value is Fernet ciphertext (text), never the plain value."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from leads import crypto


class EncryptedTextField(models.TextField):
    """Plain text in Python, ciphertext in the database."""

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return self.decode(crypto.decrypt(value.encode()))

    def get_prep_value(self, value):
        if value is None:
            return None
        return crypto.encrypt(self.encode(value)).decode()

    def to_python(self, value):
        return value

    def encode(self, value):
        return str(value).encode()

    def decode(self, data):
        return data.decode()

    def value_to_string(self, obj):
        # Serialised dumps keep the ciphertext too.
        return self.get_prep_value(self.value_from_object(obj))


class EncryptedJSONField(EncryptedTextField):
    """JSON-serialisable data (dates and decimals included) encrypted as one token."""

    def encode(self, value):
        return json.dumps(value, cls=DjangoJSONEncoder).encode()

    def decode(self, data):
        return json.loads(data)
