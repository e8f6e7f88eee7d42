"""What Trellis holds about one person, kind by kind: each kind's columns (its CSV header, in order) and what
erasing does with it.

Erasing deletes every kind. Three things are kept, because they are other people's and no longer name the person:
- a named answer they gave to someone else keeps its text and loses its author (stored as ERASED_AUTHOR, not NULL:
  NULL means anonymous, and counting it as anonymous would bring other people's anonymous answers below the
  anonymity threshold into view);
- the record that they answered someone else's request keeps the requester's tally ("3 of 5 answered") but not
  their id, so the tally can't show that they answered anonymously; an ask still waiting, or declined, is deleted;
- a feedback template or catalogue skill they added belongs to the workspace, and loses its creator.
Anonymous answers they gave are untouched: nothing links them to anyone. Kudos they gave are deleted with the rest
("all of it"), and so is a kudos they received once it has no recipient left. Messages Trellis already posted in
Slack stay in Slack: they are the workspace's history, outside Trellis's storage.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    name: str  # the JSON key and the CSV file's name
    one: str  # "goal": how a count of one is said
    many: str  # "goals"
    header: str  # the columns, separated by spaces

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(self.header.split())

    def count(self, n: int) -> str:
        return f"{n} {self.one if n == 1 else self.many}"


KINDS = (
    Kind("member", "directory entry", "directory entries", "user_id display_name time_zone is_admin"),
    Kind(
        "goals",
        "goal",
        "goals",
        "number title why horizon starts_on due_on measure metric baseline target unit visibility status supports "
        "skills created_at status_changed_at paused_days helped_most",
    ),
    Kind("goal_changes", "goal change", "goal changes", "goal at reason changes"),
    Kind("checkins", "check-in", "check-ins", "goal at value confidence blockers learned next_step"),
    Kind("milestones", "milestone", "milestones", "goal title due_on done_at"),
    Kind("tasks", "task", "tasks", "goal title due_on urgent important resource_kind resource_link done_at"),
    Kind("reflections", "reflection", "reflections", "goal at happened learned differently"),
    Kind(
        "reminder_settings",
        "reminder setting",
        "reminder settings",
        "cadence weekday at working_days work_start work_end time_zone holiday_country paused_until turned_off",
    ),
    Kind("reminders", "reminder", "reminders", "kind due_at state sent_at"),
    Kind(
        "feedback_requests",
        "feedback request",
        "feedback requests",
        "number asked_on deadline topic goal_number goal_title questions anonymous_allowed readers asked answered "
        "declined waiting",
    ),
    Kind(
        "feedback_received",
        "answer received",
        "answers received",
        "request given_on author anonymous questions replies",
    ),
    Kind("feedback_held", "held answer", "held answers", "request held why"),
    Kind("feedback_asks", "request to you", "requests to you", "requester asked_on deadline state reason"),
    Kind("feedback_given", "answer you gave", "answers you gave", "about asked given_on questions replies"),
    Kind(
        "kudos_given",
        "kudos given",
        "kudos given",
        "given_at recipients reason value public link goal_owner goal_number goal_title milestone",
    ),
    Kind(
        "kudos_received",
        "kudos received",
        "kudos received",
        "given_at giver reason value public goal_number goal_title milestone",
    ),
    Kind("kudos_allowances", "kudos allowance", "kudos allowances", "week used"),
    Kind("profile", "profile", "profiles", "visibility strengths areas vision capacity mentees chats updated_at"),
    Kind("profile_skills", "profile skill", "profile skills", "kind name position"),
    Kind(
        "mentorships",
        "mentorship",
        "mentorships",
        "role other state note skills asked_at started_at ended_at ended_by end_note",
    ),
    Kind("growth_chats", "growth chat", "growth chats", "round partner common created_at sent_at"),
    Kind(
        "manager_links", "manager link", "manager links", "role other state asked_by imported created_at confirmed_at"
    ),
)
BY_NAME = {kind.name: kind for kind in KINDS}


def in_words(counts: dict[str, int]) -> str:
    """ "2 goals, 1 check-in and 3 kudos given", in KINDS order, leaving out what is 0; "nothing" for none."""
    parts = [kind.count(counts[kind.name]) for kind in KINDS if counts.get(kind.name)]
    if not parts:
        return "nothing"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
