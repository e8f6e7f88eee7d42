"""Goals' action and callback ids: each starts with PREFIX, so no other capability's can collide with them."""

PREFIX = "goal_"

# Modals (callback ids)
NEW_GOAL = "goal_new"
CHECKIN = "goal_checkin"
MILESTONE = "goal_milestone"
TASK = "goal_task"
EDIT = "goal_edit"
ABANDON = "goal_abandon"
HELPED = "goal_helped"
PICK = "goal_pick"

# Buttons, menus and options (action ids)
NEW_GOAL_OPEN = "goal_new_open"
VERB_BUTTON = "goal_verb_"  # + verb; the value is the goal's number
MENU = "goal_menu"  # overflow; each option's value is "verb:number"
MILESTONE_DONE = "goal_milestone_done"
TASK_DONE = "goal_task_done"
HELPED_OPEN = "goal_helped_open"
SHARE = "goal_share"
SUPPORTS_OPTIONS = "goal_supports"  # an external select: my longer goals, loaded when opened

# Ids in messages sent before the prefixes, still answered
RENAMED = {
    "home_new_goal": NEW_GOAL_OPEN,
    "home_goal_menu": MENU,
    "milestone_done": MILESTONE_DONE,
    "task_done": TASK_DONE,
}
OLD_VERB_BUTTON = "home_goal_"
