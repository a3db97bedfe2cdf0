"""Key figures on the home page (replaced by the figure registry in reports.figures)."""


def home_figures(user, year: int) -> list[dict]:
    return []
