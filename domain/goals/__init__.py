"""Goals: SMART goals on three horizons, their plan, check-ins, changes of course and history."""
