"""Everything Trellis can hold about a person, made through the app's own use cases and repositories: the data the
privacy tests export and erase."""

from domain.feedback.forms import AnswerForm, GiveForm
from domain.feedback.model import AskForm
from domain.feedback.services import answer_request, ask_for_feedback, give_feedback
from domain.goals.adjustments import EditForm
from domain.goals.changes import abandon_goal, edit_goal
from domain.goals.checkins import CheckInForm
from domain.goals.plan import MilestoneForm, TaskForm
from domain.goals.reflections import ReflectionForm
from domain.goals.services import set_goal
from domain.goals.tracking import add_milestone, add_task, check_in
from domain.kudos.records import KudosForm
from domain.kudos.services import give_kudos
from domain.people.members import Member
from domain.profiles.mentoring import accept_mentee, ask_mentor
from domain.profiles.profile import ProfileForm, save_profile, set_chats
from domain.reminders.preferences import PreferencesForm
from domain.reminders.settings import save_reminder_settings
from domain.shared.workspace import WorkspaceKey
from domain.teams.links import accept, propose
from slackapp.profiles.chats import growth_chats
from slackapp.shared.directory import SlackDirectory
from tests.examples import goal_form

PRIVATE_GOAL = "Find a new job before anyone notices"  # Bruno's: never in anyone else's export
ANONYMOUS_HELD = "Chen's unsigned note that must stay hidden"  # given to Asha unasked, anonymously: held back
ASHA_NAMED = "Your demos are clear: keep them short"  # Asha to Bruno, with her name
ASHA_ANONYMOUS = "Write the plan down before the meeting"  # Asha to Dana, anonymously
TEMPLATE = {"templates": ("keep_start_stop",), "deadline": "2026-11-27", "anonymous": True}


class Team:
    """The app's services in one workspace, and a member for each person in the fake Slack."""

    def __init__(self, trellis, team: str = "T1"):
        self.services = trellis.services
        self.fake = trellis.fake
        self.workspace = WorkspaceKey("", team)
        self.clock = self.services.clock
        self.directory = SlackDirectory(self.services.clients, self.workspace)

    def member(self, user_id: str) -> Member:
        user = self.fake.users[user_id]
        return Member(user_id, user["real_name"], user["tz"], self.clock.now())

    def unit(self, part: str):
        return self.services.units[part](self.workspace)

    def goal(self, user_id: str, title: str, visibility: str = "private") -> int:
        return set_goal(
            self.unit("goals"), self.clock, self.member(user_id), goal_form(title=title, visibility=visibility)
        ).goal.number

    def ask(self, requester: str, asked: list[str]) -> int:
        form = AskForm(asked=tuple(asked), **TEMPLATE)
        request, _ = ask_for_feedback(
            self.unit("feedback"), self.clock, self.member(requester), form, self.directory, lambda n: None
        )
        return request.id

    def answer(self, user_id: str, request_id: int, text: str, anonymous: bool = False) -> None:
        form = AnswerForm((text, "", ""), anonymous=anonymous)
        answer_request(self.unit("feedback"), self.clock, user_id, request_id, form)

    def kudos(self, giver: str, *recipients: str) -> None:
        form = KudosForm(recipients, "for untangling the release checklist calmly", None, False, None)
        give_kudos(self.unit("kudos"), self.clock, self.member(giver), form, self.directory)

    def profile(self, user_id: str, **answers) -> None:
        form = ProfileForm(**{"visibility": "everyone", "capacity": "0", "interests": "climbing", **answers})
        save_profile(self.unit("profiles"), self.clock, user_id, form)
        set_chats(self.unit("profiles"), self.clock, user_id, True)

    def mentor(self, mentee: str, mentor: str) -> None:
        asked = ask_mentor(self.unit("profiles"), self.clock, mentee, mentor, "Help me speak with confidence")
        accept_mentee(self.unit("profiles"), self.clock, asked.id, mentor)

    def manager(self, report: str, manager: str) -> None:
        link, _ = propose(
            self.unit("teams"), self.clock, self.directory, self.member(report), manager, i_am_manager=False
        )
        accept(self.unit("teams"), self.clock, link.id, manager)


def asha_and_her_team(trellis) -> Team:
    """Asha (U1) with every kind of data, beside Bruno (U2), Chen (U3), Dana (U4) and Eli (U5), who hold their own."""
    team = Team(trellis)
    for user_id, name in (("U3", "Chen"), ("U4", "Dana"), ("U5", "Eli")):
        trellis.fake.add_user(user_id, name)
    asha = team.member("U1")

    number = team.goal("U1", "Speak at PyCon about our migration", "public")
    goals = team.unit("goals")
    check_in(
        goals, team.clock, asha, number, CheckInForm("0.5", "4", "stage fright", "rehearse twice", "submit a talk")
    )
    add_milestone(goals, team.clock, asha, number, MilestoneForm("Submit the proposal", "2027-01-15"))
    add_task(goals, team.clock, asha, number, TaskForm("Draft the abstract", "2026-12-15", urgent=True, important=True))
    edit_goal(
        goals, team.clock, asha, number, EditForm(title="Speak at PyCon about our cloud migration", reason="sharper")
    )
    dropped = team.goal("U1", "Learn Rust this year")
    abandon_goal(goals, team.clock, asha, dropped, ReflectionForm("no time", "pick one thing", "start smaller"))
    team.goal("U2", PRIVATE_GOAL)

    prefs = PreferencesForm("weekly", "0", "09:00", ["0", "1", "2", "3", "4"], "09:00", "17:00", "Europe/Berlin")
    save_reminder_settings(team.unit("reminders"), team.clock, asha, prefs, team.services.reminder_kinds)

    mine = team.ask("U1", ["U2", "U3", "U4", "U5"])
    team.answer("U2", mine, "Bruno's named answer to Asha")
    for user_id in ("U3", "U4", "U5"):
        team.answer(user_id, mine, f"An anonymous answer to Asha, {user_id[::-1]}", anonymous=True)
    give_feedback(
        team.unit("feedback"), team.clock, team.member("U3"), GiveForm("U1", ANONYMOUS_HELD, True), team.directory
    )
    team.answer("U1", team.ask("U2", ["U1", "U3"]), ASHA_NAMED)
    team.answer("U1", team.ask("U4", ["U1", "U5"]), ASHA_ANONYMOUS, anonymous=True)

    team.kudos("U1", "U2")
    team.kudos("U2", "U1")
    team.profile("U2", teach=["Public speaking"], capacity="2")
    team.profile("U4", learn=["Public speaking"])
    team.profile("U1", strengths="Explaining things simply", learn=["Public speaking"], vision="Lead a platform team")
    team.mentor("U1", "U2")
    team.mentor("U4", "U2")
    team.manager("U1", "U3")
    growth_chats(team.services, team.workspace)
    return team
