"""Feedback's action and callback ids: each starts with PREFIX, so no other capability's can collide with them."""

PREFIX = "feedback_"

# Modals (callback ids)
ASK = "feedback_ask"
ANSWER = "feedback_answer"
DECLINE = "feedback_decline"
GIVE = "feedback_give"
EXTEND = "feedback_extend"
TEMPLATE = "feedback_template"

# Buttons (action ids); the value is the request's id, or its number for the requester's own buttons
ASK_OPEN = "feedback_ask_open"
ANSWER_OPEN = "feedback_answer_open"
DECLINE_OPEN = "feedback_decline_open"
SHOW = "feedback_show"  # value: my request's number
