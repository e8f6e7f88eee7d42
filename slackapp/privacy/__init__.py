"""`/growth export` and `/growth erase`: a person's data sent to them as a file, or erased after a confirmation."""
