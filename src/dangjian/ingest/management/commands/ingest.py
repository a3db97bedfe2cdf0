"""`dangjian ingest FILE [--format json|text]`: read a legacy report and print what it says.

A thin shell over `dangjian.ingest.ingest_file`; reads nothing from the database.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dangjian.ingest import ingest_file


class Command(BaseCommand):
    help = (
        "读取往年报告（.txt/.docx/.html），清理网页残留，提取其中的数字；"
        "json 输出完整结果，text 输出清理后的简体文本，并在末尾列出未读取的数字"
    )
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="报告文件路径（.txt、.docx、.html）")
        parser.add_argument(
            "--format",
            choices=["json", "text"],
            default="json",
            help="json：完整结果（默认）；text：清理后的简体文本",
        )

    def handle(self, *args: object, **options: object) -> None:
        path = Path(str(options["file"]))
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        try:
            result = ingest_file(path)
        except Exception as exc:  # a broken .docx or an unreadable file: say so, in Chinese
            raise CommandError(f"无法读取文件 {path}：{exc}") from exc
        if options["format"] == "text":
            text = result.cleaned_text
            self.stdout.write(text, ending="" if text.endswith("\n") else "\n")
            unread = result.unread
            if unread:
                # At the end, where a reader finishes: what the extractor did not read.
                self.stdout.write(f"\n未读取的数字（{len(unread)}），请核对：")
                for warning in unread:
                    self.stdout.write(f"- {warning.text}：{warning.sentence}")
        else:
            self.stdout.write(result.to_json(indent=2))
        for warning in result.warnings:
            if warning.kind == "unread" and options["format"] == "text":
                continue  # listed above
            where = f"（位置 {warning.start}）" if warning.start is not None else ""
            self.stderr.write(f"警告{where}：{warning.message} {warning.text}".rstrip())
