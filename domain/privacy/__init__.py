"""Privacy: a person's export of everything Trellis holds about them, and its erasure, in one workspace."""
