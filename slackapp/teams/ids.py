"""Teams's action and callback ids; each starts with teams_, so none collides with another capability's."""

ACCEPT = "teams_accept"  # value: the link's id
DECLINE = "teams_decline"
END = "teams_end"  # *That's not right* on an imported link, and *End* on a confirmed one
VIEW = "teams_view"  # value: the report's user id
IMPORT = "teams_import"  # the import modal's callback
