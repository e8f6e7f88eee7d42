"""Pure functions from results to Block Kit. Every piece of user text is escaped for mrkdwn."""
