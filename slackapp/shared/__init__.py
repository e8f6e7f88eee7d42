"""What every capability's Slack code shares: context, clients, blocks, inputs, replies and the command router."""
