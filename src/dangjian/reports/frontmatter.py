"""The Word report's front matter: optional 红头 (版头) and 主送机关, set per organisation.

An organisation's settings live in ``front_matter.json`` in its own folder of the report
template directory (``<DANGJIAN_REPORT_TEMPLATE_DIR>/<组织编码>/front_matter.json``; only its own
folder — a 卫健局's 红头 is not its hospitals')::

    {
      "red_header": "中共宾阳县人民医院委员会文件",
      "doc_number": "宾医党发〔2026〕3号",
      "signer": "张三",
      "recipient": "中共宾阳县卫生健康局委员会"
    }

Every key is optional; the command line overrides each (``report annual --red-header …
--doc-number … --signer … --recipient …``). Without ``red_header`` the report has no 版头.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields, replace
from typing import Any

from django.utils.translation import gettext

from dangjian.organizations.models import Organization
from dangjian.reports.templates_dir import template_root

__all__ = ["FILE_NAME", "FrontMatter", "FrontMatterError", "front_matter_for"]

FILE_NAME = "front_matter.json"


@dataclass(frozen=True)
class FrontMatter:
    red_header: str = ""  # 发文机关标志, in red: “中共××医院委员会文件”
    doc_number: str = ""  # 发文字号: “××院党发〔2026〕3号”
    signer: str = ""  # 签发人 (a 上行文 names one beside the 发文字号)
    recipient: str = ""  # 主送机关, under the title: “中共××县卫生健康局委员会”

    def as_context(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


class FrontMatterError(ValueError):
    pass


def front_matter_for(org: Organization, **overrides: str | None) -> FrontMatter:
    """The organisation's saved front matter with the given (non-empty) values put over it."""
    path = template_root() / org.code / FILE_NAME
    saved = FrontMatter()
    if path.is_file():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise FrontMatterError(
                gettext("%(path)s 不是有效的 JSON：%(error)s") % {"path": path, "error": exc}
            ) from exc
        known = {f.name for f in fields(FrontMatter)}
        unknown = sorted(set(data) - known) if isinstance(data, dict) else []
        if not isinstance(data, dict) or unknown:
            raise FrontMatterError(
                gettext("%(path)s：只能包含 %(keys)s（多出：%(unknown)s）")
                % {"path": path, "keys": "、".join(sorted(known)), "unknown": "、".join(unknown)}
            )
        saved = FrontMatter(**{k: str(v).strip() for k, v in data.items()})
    given = {k: v.strip() for k, v in overrides.items() if v}
    return replace(saved, **given)
