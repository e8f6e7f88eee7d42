"""App Home: the composer, and its listener."""
