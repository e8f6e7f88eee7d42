"""Goals in Slack: /goal, its modals and buttons, goals' App Home section and what their reminders say."""
