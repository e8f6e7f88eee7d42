"""Growth profiles: strengths, areas to improve, skills to learn and to teach; mentor matching by skill gap, and
growth chats across teams."""
