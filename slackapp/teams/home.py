"""Teams's section of App Home, for managers: each report in a line, those who need attention first, with *View*."""

from slack_bolt import BoltContext
from slack_sdk.models.blocks import DividerBlock

from domain.people.members import Member
from domain.teams.summary import team_summary
from slackapp.home.composer import Part
from slackapp.shared.blocks import escape, note, section
from slackapp.shared.context import now
from slackapp.teams.listeners import teams_uow
from slackapp.teams.messages import quiet_text, team_headline, view_button

SHOWN = 10


class TeamSection:
    """Nothing for someone with no reports: App Home stays theirs."""

    budget = SHOWN + 3

    def part(self, context: BoltContext, reader: Member, budget: int) -> Part:
        team = team_summary(teams_uow(context), reader, now(context))
        if not team.reports:
            return Part()
        room = max(0, min(SHOWN, budget - 3))
        blocks = [section(f"*Your team*\n{team_headline(team)}")]
        for report in team.reports[:room]:
            why = f" · ⚠️ {', '.join(report.attention)}" if report.needs_attention else ""
            line = (
                f"*{escape(report.member.display_name)}* · {len(report.goals)} shared goals · {quiet_text(report)}{why}"
            )
            blocks.append(section(line, accessory=view_button(report)))
        more = len(team.reports) - room
        blocks.append(
            note("`/growth team` has the whole summary and its chart." + (f" {more} more there." if more > 0 else ""))
        )
        blocks.append(DividerBlock())
        return Part([], blocks)
