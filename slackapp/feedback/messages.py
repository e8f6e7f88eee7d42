"""What feedback says in Slack: the DM to each person asked, the requester's notices, summaries and lists.

Built by pure functions from the domain's results. User text is escaped; anonymous answers carry no name, and
the requester's notices never say who just answered anonymously.
"""

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, DividerBlock, HeaderBlock
from slack_sdk.models.views import View

from domain.feedback.answers import Answer
from domain.feedback.model import Scale
from domain.feedback.reading import Overview, Summary
from domain.feedback.records import FeedbackRequest, Tally
from domain.feedback.reminders import Nudge
from domain.feedback.services import Response
from domain.shared.text import human_date
from slackapp.feedback import ids
from slackapp.shared.blocks import escape, note, pack, section
from slackapp.shared.profile_buttons import add_to_profile_buttons, add_to_profile_menu

SHOWN = 10  # requests in a list
MESSAGE_BLOCKS = 45  # a message may hold 50; reminders add two of their own
MODAL_BLOCKS = 100


def about_text(request: FeedbackRequest) -> str:
    return f" about *{escape(request.about)}*" if request.about else ""


def request_lines(request: FeedbackRequest, requester_name: str) -> str:
    """Who asks, about what, by when, and the questions."""
    questions = "\n".join(
        f"{n}. {escape(q.text)}{' _(1–5)_' if q.scale is Scale.ONE_TO_FIVE else ''}"
        for n, q in enumerate(request.questions, 1)
    )
    anonymity = "\nYou may answer anonymously." if request.anonymous else ""
    return (
        f"*{escape(requester_name)}* asks for your feedback{about_text(request)}, "
        f"by *{human_date(request.deadline)}* (it closes {closing_time(request)} your time).{anonymity}\n{questions}"
    )[:3000]


def closing_time(request: FeedbackRequest) -> str:
    """When the request closes, which Slack shows in each reader's own zone."""
    stamp = int(request.closes_at.timestamp())
    return f"<!date^{stamp}^{{date_short_pretty}} at {{time}}|at the end of {human_date(request.deadline)}>"


def answer_button(request_id: int) -> ButtonElement:
    return ButtonElement(text="Answer", action_id=ids.ANSWER_OPEN, value=str(request_id), style="primary")


def answer_buttons(request_id: int) -> ActionsBlock:
    decline = ButtonElement(text="Decline", action_id=ids.DECLINE_OPEN, value=str(request_id))
    return ActionsBlock(elements=[answer_button(request_id), decline])


def waiting_line(request: FeedbackRequest, requester_name: str) -> str:
    """A request waiting for my answer, in a list."""
    return f"*{escape(requester_name)}* asks for your feedback{about_text(request)}, by {human_date(request.deadline)}"


def ask_dm(request: FeedbackRequest, requester_name: str) -> dict:
    text = f"{requester_name} asks for your feedback"
    blocks = [section(request_lines(request, requester_name)), answer_buttons(request.id)]
    return {"text": text, "blocks": [b.to_dict() for b in blocks]}


def asked_text(request: FeedbackRequest, undelivered: list[str]) -> str:
    text = (
        f"Asked. Request #{request.number} is open until the end of {human_date(request.deadline)}; "
        f"`/feedback show {request.number}` shows the answers as they come in."
    )
    if undelivered:
        people = ", ".join(f"<@{user_id}>" for user_id in undelivered)
        text += f"\nTrellis couldn't send the request to {people}. They can still answer from Trellis's App Home."
    return text


def response_dm(response: Response, name: str) -> dict:
    """What the requester is told of a named answer or a decline."""
    request = response.request
    if response.declined:
        why = f": _{escape(response.reason)}_" if response.reason else "."
        text = f"{escape(name)} declined your feedback request #{request.number}{why}"
    else:
        text = f"{escape(name)} answered your feedback request #{request.number}."
    text += f" {response.tally.text()}. `/feedback show {request.number}` has the answers."
    return {"text": text, "blocks": [section(text).to_dict()]}


def given_dm(giver_name: str, text: str) -> dict:
    message = f"*{escape(giver_name)}* sent you feedback:\n>{escape(text)[:2800]}"
    footer = note("`/feedback list` keeps all the feedback you received.")
    blocks = [section(message), add_to_profile_buttons(text), footer]
    return {"text": f"{giver_name} sent you feedback", "blocks": [b.to_dict() for b in blocks]}


def _author(summary_or_overview, answer: Answer) -> str:
    if answer.anonymous:
        return f"anonymous, {human_date(answer.given_on)}"
    return f"{escape(summary_or_overview.name(answer.author_id))}, {human_date(answer.given_on)}"


def _scale_line(counts: dict[int, int], mean: float | None) -> str:
    if mean is None:
        return "_No scores yet._"
    spread = " · ".join(f"{score}: {counts[score]}" for score in range(1, 6))
    return f"Mean *{mean}* of 5 · {spread}"


def summary_blocks(summary: Summary, room: int = MESSAGE_BLOCKS) -> list[Block]:
    """A request with its answers grouped by question, as its requester may see them, in at most `room` blocks."""
    request = summary.request
    status = "open" if summary.open else "closed"
    lines = [
        f"*Feedback request #{request.number}*{about_text(request)} · {status} · due {human_date(request.deadline)}"
        f"\n{summary.tally.text()}"
    ]
    named = sorted({summary.name(a.author_id) for a in summary.reveal.shown if a.author_id})
    if named:
        lines.append("Answered by " + ", ".join(escape(n) for n in named))
    for ask in summary.declined:
        why = f": _{escape(ask.reason)}_" if ask.reason else ""
        lines.append(f"{escape(summary.name(ask.user_id))} declined{why}")
    if summary.waiting:
        lines.append("Still to answer: " + ", ".join(escape(summary.name(u)) for u in summary.waiting))
    if summary.reveal.why_held:
        lines.append(f"🔒 {summary.reveal.why_held}")
    blocks: list[Block] = [section("\n".join(lines)), DividerBlock()]
    for result in summary.by_question():
        parts = [f"*{escape(result.question.text)}*"]
        if result.counts is not None:
            parts.append(_scale_line(result.counts, result.mean))
        else:
            if not result.replies:
                parts.append("_No answers to show yet._")
        blocks += [section(chunk) for chunk in pack(parts, sep="\n")]
        blocks += [
            section(f"_{_author(summary, answer)}_\n>{escape(reply)[:2900]}", accessory=add_to_profile_menu(reply))
            for answer, reply in result.replies
        ]
    if len(blocks) > room:
        more = f"More answers than fit here: `/feedback show {request.number}` has them all."
        blocks = blocks[: room - 1] + [note(more if room < MODAL_BLOCKS else "More answers than fit here.")]
    return blocks


def goal_feedback_blocks(summaries: list[Summary]) -> list[Block]:
    """Feedback asked about a goal, for the goal's history: each request's answers in a few lines."""
    if not summaries:
        return []
    blocks: list[Block] = [HeaderBlock(text="Feedback")]
    for summary in summaries[:5]:
        lines = [f"*Request #{summary.request.number}* · {summary.tally.text()}"]
        for result in summary.by_question():
            if result.counts is not None:
                lines.append(f"_{escape(result.question.text)}_ {_scale_line(result.counts, result.mean)}")
            lines += [
                f"_{escape(result.question.text)}_ {escape(reply)} ({_author(summary, a)})"
                for a, reply in result.replies
            ]
        if summary.reveal.why_held:
            lines.append(f"🔒 {summary.reveal.why_held}")
        blocks += [section(chunk) for chunk in pack(lines, sep="\n")[:3]]
    return blocks


def summary_modal(summary: Summary) -> dict:
    blocks = summary_blocks(summary, MODAL_BLOCKS)
    return View(type="modal", title=f"Request #{summary.request.number}"[:24], close="Close", blocks=blocks).to_dict()


def closed_summary(summary: Summary) -> tuple[str, list[Block]]:
    """The requester's one DM when a request closes."""
    text = f"Your feedback request #{summary.request.number} has closed."
    return text, [section(f"*{text}* Here is what people said."), *summary_blocks(summary)]


def nudge_message(nudge: Nudge) -> tuple[str, list[Block]]:
    request = nudge.request
    when = "today" if request.deadline == nudge.today else f"by {human_date(request.deadline)}"
    text = f"A reminder: {nudge.requester_name} would like your feedback {when}."
    first = (
        f"*A reminder:* {escape(nudge.requester_name)} would like your feedback{about_text(request)} {when}; "
        f"it closes {closing_time(request)} your time. A few minutes now help them grow."
    )
    return text, [section(first), answer_buttons(request.id)]


def _tally_line(request: FeedbackRequest, tally: Tally, now) -> str:
    state = "open" if request.is_open(now) else "closed"
    return f"*#{request.number}*{about_text(request)} · {tally.text()} · {state}, due {human_date(request.deadline)}"


def _given_line(view: Overview, given) -> str:
    said = " / ".join(reply for reply in given.replies if reply)
    return f"To {escape(view.name(given.about_id))}, {human_date(given.given_on)}: {escape(said[:250])}"


def overview_blocks(view: Overview, now) -> list[Block]:
    """`/feedback list`: my requests, those waiting for me, and feedback given to me or by me."""
    blocks: list[Block] = []
    if view.waiting:
        blocks.append(section("*Waiting for your answer*"))
        for request in view.waiting[:SHOWN]:
            blocks.append(section(waiting_line(request, view.name(request.requester_id)), answer_button(request.id)))
    mine = [_tally_line(request, tally, now) for request, tally in view.mine[:SHOWN]]
    blocks.append(section("*Your requests*\n" + ("\n".join(mine) if mine else "None yet. `/feedback ask` starts one.")))
    if len(view.mine) > SHOWN:
        blocks.append(note(f"…and {len(view.mine) - SHOWN} older. `/feedback show N` opens any of them."))
    received = [f">{escape(a.replies[0])}\n_{_author(view, a)}_" for a in view.received.shown[:SHOWN] if a.replies]
    if received or view.received.held:
        blocks.append(section("*Feedback you received without asking*"))
        blocks += [section(chunk) for chunk in pack(received, sep="\n")[:5]]
        if view.received.why_held:
            blocks.append(note(f"🔒 {view.received.why_held}"))
    if view.given:
        lines = [_given_line(view, g) for g in view.given[:SHOWN]]
        blocks.append(section("*Feedback you gave with your name*\n" + "\n".join(lines)))
        blocks.append(note("Answers you gave anonymously are not linked to you, so Trellis can't show them."))
    return blocks[:MESSAGE_BLOCKS]
