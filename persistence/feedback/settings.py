"""The workspace's feedback settings, and its own question templates."""

from sqlalchemy import insert, select, update

from domain.feedback.model import Question, Template
from persistence.base import Scoped
from persistence.feedback.requests import questions_json, questions_of
from persistence.feedback.tables import SettingsRow, TemplateRow


class SqlFeedbackSettingsRepository(Scoped):
    def anonymity_allowed(self) -> bool:
        """True until an admin turns anonymous answers off."""
        allowed = self.session.scalar(select(SettingsRow.anonymity_allowed).where(self.mine(SettingsRow)))
        return allowed is not False

    def set_anonymity(self, allowed: bool) -> None:
        self.upsert(
            update(SettingsRow).where(self.mine(SettingsRow)).values(anonymity_allowed=allowed),
            insert(SettingsRow).values(**self.keys(), anonymity_allowed=allowed),
        )

    def templates(self) -> list[Template]:
        """The workspace's own templates, oldest first; their keys are `ws` and a number."""
        rows = self.session.scalars(select(TemplateRow).where(self.mine(TemplateRow)).order_by(TemplateRow.id))
        return [_template(row) for row in rows]

    def add_template(self, name: str, questions: tuple[Question, ...], created_by: str) -> Template:
        row = TemplateRow(**self.keys(), name=name, questions=questions_json(questions), created_by=created_by)
        self.session.add(row)
        self.session.flush()
        return _template(row)


def _template(row: TemplateRow) -> Template:
    return Template(f"ws{row.id}", row.name, questions_of(row.questions))
