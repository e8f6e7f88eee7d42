"""`/growth export` and `/growth erase`: everything Trellis holds about me, as a file in my DM, or erased once I
confirm."""

from domain.privacy.export import export_data
from slackapp.privacy import messages
from slackapp.privacy.listeners import deliver_export, privacy_uow
from slackapp.shared.context import now, workspace
from slackapp.shared.replies import say
from slackapp.shared.router import Call, Verb


def export_verb(call: Call) -> None:
    """Answer at once; the file follows in a DM."""
    call.ack(**say(messages.PREPARING))
    context = call.context
    export = export_data(privacy_uow(context), workspace(context), context.user_id, now(context))
    deliver_export(call.client, context, export)


def erase_verb(call: Call) -> None:
    """What erasing would delete, in counts, with a button that confirms once more."""
    context = call.context
    export = export_data(privacy_uow(context), workspace(context), context.user_id, now(context))
    call.ack(**messages.erase_confirmation(export.counts()))


PRIVACY_VERBS = (
    Verb(
        "export",
        export_verb,
        (
            (
                "/growth export",
                "get everything Trellis holds about you as a file (JSON and CSV) in a DM",
                "/growth export",
            ),
        ),
    ),
    Verb(
        "erase",
        erase_verb,
        (("/growth erase", "delete everything Trellis holds about you, after you confirm", "/growth erase"),),
    ),
)
