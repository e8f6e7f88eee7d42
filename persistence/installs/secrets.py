"""Tokens at rest: Fernet with the keys of TRELLIS_ENCRYPTION_KEY. The first key encrypts; every key decrypts,
so a new key can go first while rows written under the old one are still read, then be re-encrypted."""

from collections.abc import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import Engine, Text, select, update
from sqlalchemy.types import TypeDecorator

from persistence.installs.tables import SLACK_BOTS, SLACK_INSTALLATIONS, TOKEN_COLUMNS


class BadKey(ValueError):
    """A TRELLIS_ENCRYPTION_KEY that is not a Fernet key, or tokens that none of the keys can read."""


class TokenCipher:
    def __init__(self, keys: Sequence[str]):
        if not keys:
            raise BadKey("no key given")
        try:
            self.fernets = [Fernet(key.encode()) for key in keys]
        except ValueError as error:
            raise BadKey("each key must be 32 url-safe base64-encoded bytes, as Fernet.generate_key() makes") from error
        self.keys = MultiFernet(self.fernets)

    def encrypt(self, text: str) -> str:
        return self.keys.encrypt(text.encode()).decode()

    def decrypt(self, stored: str) -> str:
        try:
            return self.keys.decrypt(stored.encode()).decode()
        except InvalidToken as error:
            raise BadKey("a stored token was encrypted with a key TRELLIS_ENCRYPTION_KEY no longer holds") from error

    def is_current(self, stored: str) -> bool:
        """Encrypted with the first key."""
        try:
            self.fernets[0].decrypt(stored.encode())
            return True
        except InvalidToken:
            return False


class EncryptedText(TypeDecorator):
    """A text column whose values are encrypted on the way in and decrypted on the way out."""

    impl = Text
    cache_ok = True

    def __init__(self, cipher: TokenCipher):
        super().__init__()
        self.cipher = cipher

    def process_bind_param(self, value: str | None, dialect):
        return None if value is None else self.cipher.encrypt(value)

    def process_result_value(self, value: str | None, dialect):
        return None if value is None else self.cipher.decrypt(value)


def check_readable(engine: Engine, cipher: TokenCipher) -> None:
    """Raise BadKey when a stored bot token can't be read with these keys (one is enough to tell)."""
    with engine.connect() as connection:
        stored = connection.scalar(select(SLACK_BOTS.c.bot_token).where(SLACK_BOTS.c.bot_token.is_not(None)).limit(1))
    if stored is not None:
        cipher.decrypt(stored)


def reencrypt_tokens(engine: Engine, cipher: TokenCipher) -> int:
    """Encrypt again with the first key every token written under another; returns how many were. Each is written
    only if it is still the one read, so a token a running process rotated meanwhile is never put back."""
    count = 0
    for table in (SLACK_INSTALLATIONS, SLACK_BOTS):
        columns = [table.c[name] for name in TOKEN_COLUMNS if name in table.c]
        with engine.connect() as connection:
            rows = connection.execute(select(table.c.id, *columns)).mappings().all()
        for row in rows:
            for column in columns:
                stored = row[column.name]
                if stored is None or cipher.is_current(stored):
                    continue
                again = update(table).where(table.c.id == row["id"], column == stored)
                with engine.begin() as connection:
                    count += connection.execute(again.values({column: cipher.encrypt(cipher.decrypt(stored))})).rowcount
    return count
