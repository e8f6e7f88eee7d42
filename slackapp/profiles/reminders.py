"""What the monthly mentoring check-in says."""

from domain.profiles.reminders import MentoringCheckIn
from slackapp.profiles.messages import mentoring_checkin

REMINDER_VIEWS = {MentoringCheckIn.name: mentoring_checkin}
