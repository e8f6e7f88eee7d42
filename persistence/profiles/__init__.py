"""Profiles' tables and repositories: growth profiles, the skill catalogue, mentorships and growth chats."""

from persistence.profiles.catalogue import SqlSkillCatalogue
from persistence.profiles.chats import SqlChatRepository
from persistence.profiles.mentorships import SqlMentorshipRepository
from persistence.profiles.profiles import SqlProfileRepository

REPOSITORIES = {
    "profiles": SqlProfileRepository,
    "skills": SqlSkillCatalogue,
    "mentorships": SqlMentorshipRepository,
    "chats": SqlChatRepository,
}
