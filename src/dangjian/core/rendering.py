"""How the project's own forms render their widgets.

Django renders each widget, and each ``<option>`` of a select, through a Django template. On a
hospital's list page the filter form's select of 286 organisations took about 40% of the page.
Django also ships every widget template for Jinja2, which renders the same markup several times
faster, so the ledger forms and the list filters use Django's Jinja2 form renderer.

Not set globally (``FORM_RENDERER``): Django admin's own widget templates exist only for Django
templates.
"""

from django.forms.renderers import Jinja2

FORM_RENDERER = Jinja2()
