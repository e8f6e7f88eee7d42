"""Teams in Slack: manager links with consent, the CSV import, the team summary with its chart, the digest."""
