"""The boundary every listener shares: what a person is told, and what the log says, when a request can't be
answered as it should. Listeners write none of it; the app's error handler applies it to every request."""

STORAGE_DOWN = "Trellis can't reach its storage right now. Please try again in a minute."
UNKNOWN_REQUEST = "Trellis doesn't know what to do with that. It may be from an older message: try the command again."
