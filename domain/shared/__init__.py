"""The shared kernel: errors, form checks, the clock, workspaces, text helpers."""
