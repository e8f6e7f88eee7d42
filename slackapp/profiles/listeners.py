"""Profiles' listeners: the skills type-ahead, the profile form, phrases from feedback, and mentoring's Ask, Accept,
Decline and End. Each acknowledges first, calls one use case, and renders its result."""

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from domain.profiles.mentoring import (
    accept_mentee,
    active_mentorship,
    ask_mentor,
    decline_mentee,
    end_mentorship,
    find_mentors,
)
from domain.profiles.profile import ProfileForm, add_phrase, find_skills, my_profile, save_profile
from slackapp.profiles import ids, messages, modals
from slackapp.shared.blocks import escape
from slackapp.shared.context import member, services, unit_of_work
from slackapp.shared.inputs import form_from_state, metadata, read_state
from slackapp.shared.profile_buttons import ADD_TO_PROFILE, PLACES, chosen_place
from slackapp.shared.replies import answer_request, answer_submission, dm, message, notice_modal, on_click, open_form
from slackapp.shared.skills_select import CHOOSE_SKILLS, new_skill_option, skill_option

OPTIONS = 99  # Slack shows at most 100; one is kept for a new skill


def profiles_uow(context: BoltContext, *, once: bool = True):
    return unit_of_work(context, "profiles", once=once)


def skill_options(ack: Ack, payload: dict, context: BoltContext) -> None:
    """The catalogue's skills matching what is typed, and what is typed as a new skill when there is none such."""
    found, new = find_skills(profiles_uow(context, once=False), (payload.get("value") or "")[:200], OPTIONS)
    options = ([new_skill_option(new.name)] if new else []) + [skill_option(s.name) for s in found]
    ack(options=[o.to_dict() for o in options])


def edit_button(ack: Ack, body: dict, client: WebClient, context: BoltContext) -> None:
    ack()
    open_form(body, client, modals.profile_modal(my_profile(profiles_uow(context), context.user_id)))


def submit_profile(ack: Ack, view: dict, context: BoltContext) -> None:
    def save() -> dict:
        member(context, allow_stale=True)  # known to the member directory: reminders need their zone
        form = form_from_state(view["state"]["values"], ProfileForm)
        profile = save_profile(profiles_uow(context), services(context).clock, context.user_id, form)
        return messages.saved_modal(profile)

    answer_submission(ack, save)


def phrase_button(ack: Ack, body: dict, action: dict, client: WebClient) -> None:
    ack()
    open_form(body, client, modals.phrase_modal(*chosen_place(action)))


def submit_phrase(ack: Ack, view: dict, context: BoltContext) -> None:
    where = metadata(view).get("where", "strengths")

    def add() -> dict:
        said = read_state(view["state"]["values"]).get("phrase") or ""
        add_phrase(profiles_uow(context), services(context).clock, context.user_id, where, said)
        place = PLACES[where].removeprefix("Add to ")
        added = f"Added to your {place}: “{escape(' '.join(said.split()))}”. `/growth profile` edits your profile."
        return notice_modal("Added", added)

    answer_submission(ack, add)


def find_mentor_button(ack: Ack, body: dict, client: WebClient, respond: Respond, context: BoltContext) -> None:
    ack()

    def show():
        found = messages.mentors_reply(find_mentors(profiles_uow(context), context.user_id))
        client.views_open(trigger_id=body["trigger_id"], view=messages.mentors_modal(found))

    on_click(body, client, respond, show)


def ask_button(ack: Ack, body: dict, action: dict, client: WebClient) -> None:
    ack()
    open_form(body, client, modals.ask_modal(action["value"]))


def submit_ask(ack: Ack, view: dict, client: WebClient, context: BoltContext) -> None:
    mentor_id = metadata(view).get("mentor", "")
    asked = []

    def ask() -> dict:
        member(context, allow_stale=True)
        note = read_state(view["state"]["values"]).get("note")
        asked.append(ask_mentor(profiles_uow(context), services(context).clock, context.user_id, mentor_id, note))
        return notice_modal("Asked", messages.asked_text(asked[0]))

    if answer_submission(ack, ask):
        dm(client, mentor_id, messages.request_dm(asked[0]))  # if it fails, App Home shows the request


def accept_button(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond, context: BoltContext):
    def act():
        m = accept_mentee(profiles_uow(context), services(context).clock, int(action["value"]), context.user_id)
        return f"You accepted: you are mentoring <@{m.mentee_id}>.", [
            (m.mentor_id, messages.introduction(m, m.mentor_id)),
            (m.mentee_id, messages.introduction(m, m.mentee_id)),
        ]

    answer_request(ack, body, client, respond, act)


def decline_button(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond, context: BoltContext):
    def act():
        m = decline_mentee(profiles_uow(context), services(context).clock, int(action["value"]), context.user_id)
        mine, theirs = messages.declined_texts(m)
        return mine, [(m.mentee_id, message(theirs))]

    answer_request(ack, body, client, respond, act)


def end_button(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond, context: BoltContext):
    ack()

    def show():
        found = active_mentorship(profiles_uow(context), int(action["value"]), context.user_id)
        open_form(body, client, modals.end_modal(found, context.user_id))

    on_click(body, client, respond, show)


def submit_end(ack: Ack, view: dict, client: WebClient, context: BoltContext) -> None:
    mentorship_id = int(metadata(view).get("mentorship", 0))
    ended = []

    def end() -> dict:
        note = read_state(view["state"]["values"]).get("note")
        m = end_mentorship(profiles_uow(context), services(context).clock, mentorship_id, context.user_id, note)
        ended.append(m)
        return notice_modal("Mentoring ended", messages.ended_texts(m, context.user_id)[0])

    if answer_submission(ack, end):
        m = ended[0]
        theirs = messages.ended_texts(m, context.user_id)[1]
        dm(client, m.other(context.user_id), message(theirs))


def register(app: App) -> None:
    app.options(CHOOSE_SKILLS)(skill_options)
    app.action(ids.EDIT)(edit_button)
    app.view(ids.SAVE)(submit_profile)
    app.action(ADD_TO_PROFILE)(phrase_button)
    app.view(ids.PHRASE)(submit_phrase)
    app.action(ids.FIND_MENTOR)(find_mentor_button)
    app.action(ids.ASK)(ask_button)
    app.view(ids.ASK_SEND)(submit_ask)
    app.action(ids.ACCEPT)(accept_button)
    app.action(ids.DECLINE)(decline_button)
    app.action(ids.END)(end_button)
    app.view(ids.END_SEND)(submit_end)
