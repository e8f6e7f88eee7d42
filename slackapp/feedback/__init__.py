"""Feedback requests in Slack: /feedback, its modals, the DMs to the people asked, nudges and summaries."""
