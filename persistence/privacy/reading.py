"""Every record about one person in one workspace, read from each capability's tables, every query scoped by the
workspace. Columns are named as the export's kinds name them (domain.privacy.kinds)."""

from collections import defaultdict

from sqlalchemy import or_, select
from sqlalchemy.orm import aliased

from domain.feedback.answers import Answer
from domain.privacy.records import Ask, Holdings, Received
from persistence.base import Scoped
from persistence.feedback.tables import AnswerRow, AskRow, RequestRow
from persistence.goals.tables import AdjustmentRow, CheckInRow, GoalRow, MilestoneRow, ReflectionRow, TaskRow
from persistence.kudos.tables import AllowanceRow, KudosRow, RecipientRow
from persistence.people.tables import MemberRow
from persistence.profiles.tables import ChatPairRow, MentorshipRow, ProfileRow, ProfileSkillRow
from persistence.reminders.tables import ReminderPrefsRow, ReminderRow
from persistence.teams.tables import LinkRow

MENTORSHIP = ("state", "note", "skills", "asked_at", "started_at", "ended_at", "ended_by", "end_note")


class PersonalReading(Scoped):
    def _records(self, query) -> list[dict]:
        return [dict(row._mapping) for row in self.session.execute(query)]

    def holdings(self, user_id: str) -> Holdings:
        records = {
            "member": self._records(
                select(
                    MemberRow.user_id, MemberRow.display_name, MemberRow.tz.label("time_zone"), MemberRow.is_admin
                ).where(self.mine(MemberRow), MemberRow.user_id == user_id)
            ),
            **self._goals(user_id),
            **self._reminders(user_id),
            **self._feedback(user_id),
            **self._kudos(user_id),
            **self._profile(user_id),
            "manager_links": self._links(user_id),
        }
        return Holdings(records, self._asks(user_id), self._received(user_id))

    def _goals(self, user_id: str) -> dict[str, list[dict]]:
        supported = aliased(GoalRow)
        g = GoalRow
        goals = (
            select(
                *(getattr(g, c) for c in ("number", "title", "why", "horizon", "starts_on", "due_on", "metric")),
                g.measure_kind.label("measure"),
                *(getattr(g, c) for c in ("baseline", "target", "unit", "visibility", "status", "skills")),
                supported.number.label("supports"),
                *(getattr(g, c) for c in ("created_at", "status_changed_at", "paused_days", "helped_most")),
            )
            .outerjoin(supported, supported.id == g.supports_id)
            .where(self.mine(g), g.owner_id == user_id)
            .order_by(g.number)
        )
        parts = {
            "goal_changes": (AdjustmentRow, ("at", "reason", "changes")),
            "checkins": (CheckInRow, ("at", "value", "confidence", "blockers", "learned", "next_step")),
            "milestones": (MilestoneRow, ("title", "due_on", "done_at")),
            "tasks": (TaskRow, ("title", "due_on", "urgent", "important", "resource_kind", "resource_link", "done_at")),
            "reflections": (ReflectionRow, ("at", "happened", "learned", "differently")),
        }
        found = {"goals": self._records(goals)}
        for kind, (part, columns) in parts.items():
            query = (
                select(g.number.label("goal"), *(getattr(part, c) for c in columns))
                .join(g, g.id == part.goal_id)
                .where(self.mine(part), self.mine(g), part.owner_id == user_id, g.owner_id == user_id)
                .order_by(g.number, part.id)
            )
            found[kind] = self._records(query)
        return found

    def _reminders(self, user_id: str) -> dict[str, list[dict]]:
        p, r = ReminderPrefsRow, ReminderRow
        settings = select(
            *(getattr(p, c) for c in ("cadence", "weekday", "at", "working_days", "work_start", "work_end")),
            p.tz.label("time_zone"),
            p.holiday_country,
            p.paused_until,
            p.off_kinds.label("turned_off"),
        ).where(self.mine(p), p.user_id == user_id)
        reminders = select(r.kind, r.due_at, r.state, r.sent_at).where(self.mine(r), r.user_id == user_id)
        return {
            "reminder_settings": self._records(settings),
            "reminders": self._records(reminders.order_by(r.due_at, r.id)),
        }

    def _feedback(self, user_id: str) -> dict[str, list[dict]]:
        q, a = RequestRow, AskRow
        mine = (q.number, q.asked_on, q.deadline, q.topic, q.goal_number, q.goal_title, q.questions)
        requests = select(*mine, q.anonymous.label("anonymous_allowed"), q.readers).where(
            self.mine(q), q.requester_id == user_id
        )
        asks = (
            select(q.requester_id.label("requester"), q.asked_on, q.deadline, a.state, a.reason)
            .join(q, q.id == a.request_id)
            .where(self.mine(a), self.mine(q), a.user_id == user_id)
        )
        given = select(AnswerRow).where(self.mine(AnswerRow), AnswerRow.author_id == user_id)
        return {
            "feedback_requests": self._records(requests.order_by(q.number)),
            "feedback_asks": self._records(asks.order_by(q.asked_on, a.id)),
            "feedback_given": [
                {
                    "about": row.about_id,
                    "asked": row.request_id is not None,
                    "given_on": row.given_on,
                    "questions": [question["text"] for question in row.questions],
                    "replies": list(row.replies),
                }
                for row in self.session.scalars(given.order_by(AnswerRow.given_on, AnswerRow.id))
            ],
        }

    def _asks(self, user_id: str) -> dict[int, list[Ask]]:
        q, a = RequestRow, AskRow
        query = (
            select(q.number, a.user_id, a.state, a.reason)
            .join(q, q.id == a.request_id)
            .where(self.mine(a), self.mine(q), q.requester_id == user_id)
            .order_by(a.id)
        )
        asks: dict[int, list[Ask]] = defaultdict(list)
        for number, asked, state, reason in self.session.execute(query):
            asks[number].append(Ask(asked, state, reason))
        return dict(asks)

    def _received(self, user_id: str) -> list[Received]:
        """The answers to the person's requests and the feedback given them unasked: answers about them."""
        query = (
            select(AnswerRow, RequestRow.number)
            .outerjoin(RequestRow, RequestRow.id == AnswerRow.request_id)
            .where(self.mine(AnswerRow), AnswerRow.about_id == user_id)
            .order_by(AnswerRow.id)
        )
        groups: dict[int | None, Received] = {}
        for row, number in self.session.execute(query):
            group = groups.setdefault(row.request_id, Received(row.request_id, number, [], {}))
            group.answers.append(Answer(row.id, row.author_id, row.given_on, tuple(row.replies)))
            group.questions[row.id] = [question["text"] for question in row.questions]
        return list(groups.values())

    def _kudos(self, user_id: str) -> dict[str, list[dict]]:
        k, r = KudosRow, RecipientRow
        about = (k.goal_number, k.goal_title, k.milestone)
        given = select(k).where(self.mine(k), k.giver_id == user_id).order_by(k.given_at, k.id)
        kudos = list(self.session.scalars(given))
        recipients: dict[int, list[str]] = defaultdict(list)
        names = select(r.kudos_id, r.user_id).where(self.mine(r), r.kudos_id.in_([row.id for row in kudos]))
        for kudos_id, recipient in self.session.execute(names.order_by(r.id)):
            recipients[kudos_id].append(recipient)
        received = (
            select(k.given_at, k.giver_id.label("giver"), k.reason, k.value_name.label("value"), *about)
            .add_columns(k.channel_id.is_not(None).label("public"))
            .join(r, r.kudos_id == k.id)
            .where(self.mine(k), self.mine(r), r.user_id == user_id)
            .order_by(k.given_at, k.id)
        )
        allowances = select(AllowanceRow.week, AllowanceRow.used).where(
            self.mine(AllowanceRow), AllowanceRow.giver_id == user_id
        )
        return {
            "kudos_given": [
                {
                    "given_at": row.given_at,
                    "recipients": recipients[row.id],
                    "reason": row.reason,
                    "value": row.value_name,
                    "public": row.channel_id is not None,
                    "link": row.link,
                    "goal_owner": row.goal_owner_id,
                    **{column.key: getattr(row, column.key) for column in about},
                }
                for row in kudos
            ],
            "kudos_received": self._records(received),
            "kudos_allowances": self._records(allowances.order_by(AllowanceRow.week)),
        }

    def _profile(self, user_id: str) -> dict[str, list[dict]]:
        p, s, m, c = ProfileRow, ProfileSkillRow, MentorshipRow, ChatPairRow
        profile = select(
            *(getattr(p, c) for c in ("visibility", "strengths", "areas", "vision", "capacity", "mentees", "chats")),
            p.updated_at,
        ).where(self.mine(p), p.user_id == user_id)
        skills = select(s.kind, s.name, s.position).where(self.mine(s), s.user_id == user_id)
        mentorships = select(m).where(self.mine(m), or_(m.mentor_id == user_id, m.mentee_id == user_id))
        pairs = select(c).where(self.mine(c), or_(c.first_id == user_id, c.second_id == user_id))
        return {
            "profile": self._records(profile),
            "profile_skills": self._records(skills.order_by(s.kind, s.position)),
            "mentorships": [
                {
                    "role": "mentor" if row.mentor_id == user_id else "mentee",
                    "other": row.mentee_id if row.mentor_id == user_id else row.mentor_id,
                    **{column: getattr(row, column) for column in MENTORSHIP},
                }
                for row in self.session.scalars(mentorships.order_by(m.asked_at, m.id))
            ],
            "growth_chats": [
                {
                    "round": row.round_key,
                    "partner": row.second_id if row.first_id == user_id else row.first_id,
                    "common": row.common,
                    "created_at": row.created_at,
                    "sent_at": row.sent_at,
                }
                for row in self.session.scalars(pairs.order_by(c.created_at, c.id))
            ],
        }

    def _links(self, user_id: str) -> list[dict]:
        links = select(LinkRow).where(
            self.mine(LinkRow), or_(LinkRow.manager_id == user_id, LinkRow.report_id == user_id)
        )
        return [
            {
                "role": "manager" if row.manager_id == user_id else "report",
                "other": row.report_id if row.manager_id == user_id else row.manager_id,
                "state": row.state,
                "asked_by": row.asked_by,
                "imported": row.imported,
                "created_at": row.created_at,
                "confirmed_at": row.confirmed_at,
            }
            for row in self.session.scalars(links.order_by(LinkRow.created_at, LinkRow.id))
        ]
