"""The member directory: who a person is, their name and time zone."""
