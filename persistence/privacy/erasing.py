"""Erasing one person from every capability's tables in one workspace, inside the caller's transaction: counts
come from what each statement itself changed, so a second erasure racing the first counts (and frees) nothing."""

from sqlalchemy import String, cast, delete, exists, literal, or_, select, update

from domain.feedback.answers import ERASED_AUTHOR
from domain.feedback.records import AskState
from domain.privacy.records import ERASED_ASK, Erased
from domain.profiles.records import MentorshipState
from persistence.base import Scoped
from persistence.feedback.tables import AnswerRow, AskRow, CounterRow, RequestRow, TemplateRow
from persistence.goals.tables import (
    AdjustmentRow,
    CelebrationRow,
    CheckInRow,
    GoalCounterRow,
    GoalRow,
    MilestoneRow,
    ReflectionRow,
    TaskRow,
)
from persistence.kudos.tables import AllowanceRow, KudosRow, RecipientRow
from persistence.people.tables import MemberRow
from persistence.profiles.tables import (
    ChatPairRow,
    ChatRoundRow,
    MentorshipRow,
    ProfileRow,
    ProfileSkillRow,
    SkillRow,
)
from persistence.reminders.tables import ReminderPrefsRow, ReminderRow
from persistence.teams.tables import LinkRow


class PersonalErasure(Scoped):
    def _delete(self, table, *where) -> int:
        return self.session.execute(delete(table).where(self.mine(table), *where)).rowcount

    def _update(self, table, *where, **values) -> int:
        return self.session.execute(update(table).where(self.mine(table), *where).values(**values)).rowcount

    def erase(self, user_id: str) -> Erased:
        deleted, unnamed = {}, {}
        deleted |= self._erase_goals(user_id)
        deleted["reminder_settings"] = self._delete(ReminderPrefsRow, ReminderPrefsRow.user_id == user_id)
        deleted["reminders"] = self._delete(ReminderRow, ReminderRow.user_id == user_id)
        feedback, unnamed = self._erase_feedback(user_id)
        deleted |= feedback | self._erase_kudos(user_id)
        profile, freed = self._erase_profile(user_id)
        deleted |= profile
        deleted["manager_links"] = self._delete(
            LinkRow, or_(LinkRow.manager_id == user_id, LinkRow.report_id == user_id)
        )
        self._update(LinkRow, LinkRow.asked_by == user_id, asked_by="")  # links they imported for two others
        deleted["member"] = self._delete(MemberRow, MemberRow.user_id == user_id)
        return Erased(deleted, unnamed, freed)

    def _erase_goals(self, user_id: str) -> dict[str, int]:
        goals = select(GoalRow.id).where(self.mine(GoalRow), GoalRow.owner_id == user_id)
        deleted = {
            kind: self._delete(part, part.owner_id == user_id)
            for kind, part in (
                ("goal_changes", AdjustmentRow),
                ("checkins", CheckInRow),
                ("tasks", TaskRow),  # before milestones, which tasks may point at
                ("milestones", MilestoneRow),
                ("reflections", ReflectionRow),
            )
        }
        self._delete(CelebrationRow, CelebrationRow.goal_id.in_(goals))
        self._update(GoalRow, GoalRow.owner_id == user_id, supports_id=None)
        deleted["goals"] = self._delete(GoalRow, GoalRow.owner_id == user_id)
        self._delete(GoalCounterRow, GoalCounterRow.owner_id == user_id)
        return deleted

    def _erase_feedback(self, user_id: str) -> tuple[dict[str, int], dict[str, int]]:
        mine = select(RequestRow.id).where(self.mine(RequestRow), RequestRow.requester_id == user_id)
        received = self._delete(AnswerRow, AnswerRow.about_id == user_id)  # to their requests, or given them unasked
        self._delete(AnswerRow, AnswerRow.request_id.in_(mine))  # none left, unless stored about someone else
        self._delete(AskRow, AskRow.request_id.in_(mine))
        requests = self._delete(RequestRow, RequestRow.requester_id == user_id)
        self._delete(CounterRow, CounterRow.requester_id == user_id)
        answered = AskRow.user_id == user_id, AskRow.state == AskState.DONE.value
        kept_asks = self._update(AskRow, *answered, user_id=literal(ERASED_ASK) + cast(AskRow.id, String))
        asks = self._delete(AskRow, AskRow.user_id == user_id)  # waiting or declined
        given = self._update(AnswerRow, AnswerRow.author_id == user_id, author_id=ERASED_AUTHOR)
        self._update(TemplateRow, TemplateRow.created_by == user_id, created_by="")
        deleted = {"feedback_requests": requests, "feedback_received": received, "feedback_asks": asks}
        return deleted, {"feedback_given": given, "feedback_asks": kept_asks}

    def _erase_kudos(self, user_id: str) -> dict[str, int]:
        k, r = KudosRow, RecipientRow
        given = select(k.id).where(self.mine(k), k.giver_id == user_id)
        self._delete(r, r.kudos_id.in_(given))
        deleted = {"kudos_given": self._delete(k, k.giver_id == user_id)}
        statement = delete(r).where(self.mine(r), r.user_id == user_id).returning(r.kudos_id)
        touched = list(self.session.scalars(statement))
        deleted["kudos_received"] = len(touched)
        orphan = ~exists().where(r.kudos_id == k.id)
        self._delete(k, k.id.in_(touched), orphan)  # a kudos for them alone goes with them
        celebrated = {"goal_owner_id": None, "goal_number": None, "goal_title": None, "milestone": None}
        self._update(k, k.goal_owner_id == user_id, **celebrated)  # others' kudos no longer name their goal
        deleted["kudos_allowances"] = self._delete(AllowanceRow, AllowanceRow.giver_id == user_id)
        return deleted

    def _erase_profile(self, user_id: str) -> tuple[dict[str, int], int]:
        m = MentorshipRow
        theirs = or_(m.mentor_id == user_id, m.mentee_id == user_id)
        statement = delete(m).where(self.mine(m), theirs).returning(m.mentor_id, m.mentee_id, m.state)
        mentorships = self.session.execute(statement).all()
        freed = 0
        for mentor_id, mentee_id, state in mentorships:
            if state == MentorshipState.ACTIVE.value and mentee_id == user_id:  # their mentor's place is free again
                p = ProfileRow
                freed += self._update(p, p.user_id == mentor_id, p.mentees > 0, mentees=p.mentees - 1)
        deleted = {
            "mentorships": len(mentorships),
            "profile_skills": self._delete(ProfileSkillRow, ProfileSkillRow.user_id == user_id),
            "profile": self._delete(ProfileRow, ProfileRow.user_id == user_id),
            "growth_chats": self._delete(
                ChatPairRow, or_(ChatPairRow.first_id == user_id, ChatPairRow.second_id == user_id)
            ),
        }
        self._update(SkillRow, SkillRow.created_by == user_id, created_by="")
        rounds = select(ChatRoundRow.id, ChatRoundRow.left_out).where(self.mine(ChatRoundRow))
        for round_id, left_out in self.session.execute(rounds).all():
            if user_id in (left_out or ()):
                kept = [other for other in left_out if other != user_id]
                self._update(ChatRoundRow, ChatRoundRow.id == round_id, left_out=kept)
        return deleted, freed
