"""The workspace's feedback settings: its templates beside the built-in ones, and whether answers may be
anonymous; admins change them."""

from dataclasses import dataclass

from domain.feedback.forms import TemplateForm, check_template
from domain.feedback.model import BUILT_IN, Template
from domain.feedback.ports import FeedbackUnitOfWork
from domain.people.members import Member, admin_only


def templates_of(uow: FeedbackUnitOfWork) -> tuple[Template, ...]:
    """The built-in templates, then the workspace's own; call inside `with uow`."""
    return BUILT_IN + tuple(uow.feedback_settings.templates())


@dataclass(frozen=True)
class AskChoices:
    """What the ask modal offers: the templates, and whether answers may be anonymous."""

    templates: tuple[Template, ...]
    anonymity_allowed: bool


def ask_choices(uow: FeedbackUnitOfWork) -> AskChoices:
    with uow:
        return AskChoices(templates_of(uow), uow.feedback_settings.anonymity_allowed())


def set_anonymity(uow: FeedbackUnitOfWork, member: Member, allowed: bool) -> None:
    admin_only(member, "turn anonymous feedback on or off")
    with uow:
        uow.feedback_settings.set_anonymity(allowed)
        uow.commit()


def add_template(uow: FeedbackUnitOfWork, member: Member, form: TemplateForm) -> Template:
    admin_only(member, "add feedback templates")
    with uow:
        name, questions = check_template(form, list(templates_of(uow)))
        template = uow.feedback_settings.add_template(name, questions, member.user_id)
        uow.commit()
    return template
