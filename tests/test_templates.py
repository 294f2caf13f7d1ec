"""Two template engines, each with its own folder: Jinja2 renders the public pages
(templates/jinja2/), the Django engine the admin's, DRF's and drf-spectacular's pages and our
overrides of them (templates/django/). Neither is ever asked to parse the other's syntax."""

from pathlib import Path

import pytest
from django.conf import settings
from django.template import TemplateDoesNotExist, engines

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def names(folder):
    root = TEMPLATES / folder
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def test_the_template_folder_holds_one_folder_per_engine():
    assert sorted(path.name for path in TEMPLATES.iterdir()) == ["django", "jinja2"]


@pytest.mark.parametrize("name", names("jinja2"))
def test_every_public_template_compiles_with_jinja2(name):
    # Also those no test requests (a syntax error is found here, not by a reader).
    assert engines["jinja2"].get_template(name).template.name == name


@pytest.mark.parametrize("name", names("django"))
def test_every_override_compiles_with_the_django_engine(name):
    assert engines["django"].get_template(name).origin.template_name == name


@pytest.mark.parametrize(
    "name",
    [
        "admin/base_site.html",
        "admin/change_list.html",
        "rest_framework/api.html",
        "drf_spectacular/swagger_ui.html",
        "sitemap.xml",
    ],
)
def test_jinja2_never_sees_the_django_engines_templates(name):
    # Jinja2 is asked first: it must answer "no such template", never parse one.
    with pytest.raises(TemplateDoesNotExist):
        engines["jinja2"].get_template(name)
    engines["django"].get_template(name)


@pytest.mark.parametrize("name", ["base.html", "articles/home.html", "404.html", "lockout.html"])
def test_the_django_engine_never_sees_the_public_pages(name):
    with pytest.raises(TemplateDoesNotExist):
        engines["django"].get_template(name)
