"""slack_sdk's SQLAlchemy installation and OAuth state stores, on Trellis's own tables (built by its migrations),
with every token encrypted at rest and each OAuth state signed with SLACK_STATE_SECRET."""

import hashlib
import hmac
import secrets
from datetime import UTC, datetime, timedelta

from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.sqlalchemy_utils import normalize_datetime_for_db
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine, MetaData, Table, delete

from persistence.installs.secrets import BadKey, EncryptedText, TokenCipher, check_readable
from persistence.installs.tables import TOKEN_COLUMNS
from slackapp.config import SettingProblem, Settings

STATE_SECONDS = 600  # an install started and not finished within ten minutes starts again


def token_cipher(settings: Settings, engine: Engine | None = None) -> TokenCipher:
    """The cipher of TRELLIS_ENCRYPTION_KEY; with `engine`, first tried on a stored token, so that a wrong key
    stops Trellis at start rather than every request and reminder later."""
    try:
        cipher = TokenCipher(settings.encryption_keys)
        if engine is not None:
            check_readable(engine, cipher)
        return cipher
    except BadKey as problem:
        raise unusable_key(problem) from None


def unusable_key(problem: BadKey) -> SettingProblem:
    return SettingProblem(f"TRELLIS_ENCRYPTION_KEY can't be used: {problem}.")


def _encrypted(table: Table, cipher: TokenCipher) -> Table:
    for name in TOKEN_COLUMNS:
        if name in table.c:
            table.c[name].type = EncryptedText(cipher)
    return table


class EncryptedInstallationStore(SQLAlchemyInstallationStore):
    """slack_sdk's store, whose token columns encrypt what they write and decrypt what they read."""

    def __init__(self, client_id: str, engine: Engine, cipher: TokenCipher):
        self.cipher = cipher
        super().__init__(client_id, engine)

    def build_installations_table(self, metadata: MetaData, table_name: str) -> Table:
        return _encrypted(super().build_installations_table(metadata, table_name), self.cipher)

    def build_bots_table(self, metadata: MetaData, table_name: str) -> Table:
        return _encrypted(super().build_bots_table(metadata, table_name), self.cipher)


class SignedStateStore(SQLAlchemyOAuthStateStore):
    """Each state is a random nonce and its HMAC: a forged one is refused without a query, and a real one is
    consumed once, by one atomic delete."""

    def __init__(self, engine: Engine, secret: str):
        super().__init__(expiration_seconds=STATE_SECONDS, engine=engine)
        self.secret = secret.encode()

    def _sign(self, nonce: str) -> str:
        return hmac.new(self.secret, nonce.encode(), hashlib.sha256).hexdigest()[:32]

    def issue(self, *args, **kwargs) -> str:
        nonce = secrets.token_urlsafe(24)
        state = f"{nonce}.{self._sign(nonce)}"
        expire_at = normalize_datetime_for_db(datetime.now(UTC) + timedelta(seconds=self.expiration_seconds))
        now = normalize_datetime_for_db(datetime.now(UTC))
        with self.engine.begin() as connection:  # states never used go as new ones come: the table stays small
            connection.execute(delete(self.oauth_states).where(self.oauth_states.c.expire_at <= now))
            connection.execute(self.oauth_states.insert(), {"state": state, "expire_at": expire_at})
        return state

    def consume(self, state: str) -> bool:
        nonce, _, signature = state.rpartition(".")
        if not nonce or not hmac.compare_digest(signature, self._sign(nonce)):
            return False
        states = self.oauth_states.c
        now = normalize_datetime_for_db(datetime.now(UTC))
        with self.engine.begin() as connection:
            taken = connection.execute(delete(self.oauth_states).where(states.state == state, states.expire_at > now))
            return taken.rowcount == 1
