"""Teams: manager links made with consent or imported by an admin, what a manager may see, the team summary and
the weekly digest."""
