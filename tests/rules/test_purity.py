"""The rules package stays pure: no Django, and every public callable is documented."""

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import dangjian.rules

PACKAGE_DIR = Path(dangjian.rules.__file__).parent


def test_no_django_or_orm_imports() -> None:
    for path in PACKAGE_DIR.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert not name.startswith(("django", "rest_framework", "dangjian.")), (
                    f"{path.name} imports {name}"
                )


def test_public_functions_and_classes_have_docstrings() -> None:
    missing = []
    for info in pkgutil.iter_modules([str(PACKAGE_DIR)]):
        module = importlib.import_module(f"dangjian.rules.{info.name}")
        for name in getattr(module, "__all__", []):
            obj = getattr(module, name)
            if (inspect.isfunction(obj) or inspect.isclass(obj)) and not inspect.getdoc(obj):
                missing.append(f"{info.name}.{name}")
    assert missing == []


def test_package_reexports_resolve() -> None:
    for name in dangjian.rules.__all__:
        assert hasattr(dangjian.rules, name), name
