import datetime as dt

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _


@login_required
def home(request):
    """This year's key figures for what the user may see (see reports.figures for definitions)."""
    from dangjian.reports.home import home_figures

    year = dt.date.today().year
    return render(
        request, "web/home.html",
        {"title": _("首页"), "year": year, "figures": home_figures(request.user, year)},
    )
