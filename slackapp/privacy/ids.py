"""Privacy's action ids; each starts with privacy_, so none collides with another capability's."""

ERASE = "privacy_erase"  # the confirmation's danger button: erases the clicker's own data, whoever sent the message
KEEP = "privacy_keep"  # the confirmation's other button: nothing is erased
