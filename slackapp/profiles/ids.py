"""Profiles' action and callback ids; each starts with profiles_, so none collides with another capability's."""

EDIT = "profiles_edit"  # opens my profile's form (App Home, and my profile's view)
SAVE = "profiles_save"  # the profile form's callback
PHRASE = "profiles_phrase"  # the *Add to strengths / areas* form's callback
FIND_MENTOR = "profiles_find_mentor"  # App Home
ASK = "profiles_ask"  # value: the mentor's user id; opens the note form
ASK_SEND = "profiles_ask_send"  # the note form's callback
ACCEPT = "profiles_accept"  # value: the mentorship's id
DECLINE = "profiles_decline"
END = "profiles_end"  # value: the mentorship's id; opens the ending form
END_SEND = "profiles_end_send"  # the ending form's callback
