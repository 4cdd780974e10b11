"""The `troly` command: its arguments, its settings, and the subcommand that runs (each in
bot/commands/, imported only then, so that `troly --help` and `--version` answer at once)."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import sys
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING

from handlers.texts import channels as texts

if TYPE_CHECKING:
    from bot.config import Settings


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(texts.BAD_DATE.format(value=value)) from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="troly", description="Trợ lý Kế hoạch")
    parser.add_argument("--version", action="version", version=f"troly {_version()}")
    commands = parser.add_subparsers(dest="command", required=True)
    ask = commands.add_parser("ask", help="hỏi một câu về các kế hoạch")
    ask.add_argument("question", nargs="*", help="câu hỏi bằng tiếng Việt")
    ask.add_argument("--today", type=_day, help="ngày hôm nay (YYYY-MM-DD), để thử và kiểm tra")
    ask.add_argument("--json", action="store_true", help="in câu trả lời dạng JSON")
    ask.add_argument("--jsonl", action="store_true",
                     help='đọc mỗi dòng stdin một yêu cầu {"q": ..., "today": ...}')
    chat = commands.add_parser("chat", help="trò chuyện trong cửa sổ dòng lệnh")
    chat.add_argument("--today", type=_day, help="ngày hôm nay (YYYY-MM-DD)")
    chat.add_argument("--jsonl", action="store_true",
                      help='mỗi dòng stdin {"from": ..., "text": ...}, mỗi dòng stdout các trả lời')
    commands.add_parser("check", help="kiểm tra dữ liệu kế hoạch")
    commands.add_parser("demo", help="xem một cuộc trao đổi mẫu (trên cơ sở dữ liệu tạm)")
    plan = commands.add_parser("import", help="đọc tệp kế hoạch (.docx, .pdf, .txt, .md)")
    plan.add_argument("file", help="tệp kế hoạch")
    plan.add_argument("--json", action="store_true",
                      help="in dự thảo dạng JSON, không lưu gì")
    plan.add_argument("--approve", action="store_true", help="duyệt ngay dự thảo vừa nhập")
    commands.add_parser("run", help="chạy trợ lý trên Telegram và Zalo (theo token đã cấu hình)",
                        epilog=texts.RUN_SETTINGS,
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    _maintenance(commands)
    return parser


def _maintenance(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """backup, restore, migrate-db: the operator's commands for the database."""
    backup = commands.add_parser("backup", help=texts.HELP_BACKUP)
    backup.add_argument("file", help=texts.HELP_BACKUP_FILE)
    restore = commands.add_parser("restore", help=texts.HELP_RESTORE)
    restore.add_argument("file", help=texts.HELP_BACKUP_FILE)
    migrate = commands.add_parser("migrate-db", help=texts.HELP_MIGRATE_DB)
    migrate.add_argument("--to", required=True, help=texts.HELP_MIGRATE_TO)
    migrate.add_argument("--schema", help=texts.HELP_MIGRATE_SCHEMA)


def _version() -> str:
    try:
        return version("troly")
    except PackageNotFoundError:
        return "0+unknown"


def _settings(command: str) -> Settings | None:
    """The settings, or None after saying (one line each, naming the setting) what is wrong.
    ``ask`` and ``check`` use no database, channel or server: only their log level counts."""
    from pydantic import ValidationError

    from bot.config import Settings, problems
    try:
        return Settings()
    except ValidationError as error:
        if command in ("ask", "check") or (command == "import" and "--json" in sys.argv):
            return Settings.model_construct()
        for line in problems(error):
            print(line, file=sys.stderr)
        return None


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    args = _parser().parse_args(argv)
    settings = _settings(args.command)
    if settings is None:
        return 2
    from bot.app import StartupError
    from bot.logs import add_secret, configure_logging
    for secret in (settings.telegram_token, settings.zalo_token, settings.webhook_secret):
        add_secret(secret.get_secret_value() if secret is not None else None)
    configure_logging(settings.log_level, log_format=settings.log_format)
    try:
        return _dispatch(args, settings)
    except StartupError as error:
        print(error, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (`troly demo | head`): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # Python's own flush at exit must not fail too
        return 141  # what a shell reports for a process ended by SIGPIPE


def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "ask":
        from bot.commands import ask
        return ask.main(args)
    if args.command == "chat":
        from bot.commands import chat
        return asyncio.run(chat.main(args, settings))
    if args.command == "run":
        from bot.commands import run
        return asyncio.run(run.main(settings))
    if args.command == "demo":
        from bot.commands import demo
        return asyncio.run(demo.main(args, settings))
    if args.command == "import":
        from bot.commands import plan_import
        return asyncio.run(plan_import.main(args, settings))
    if args.command in ("backup", "restore", "migrate-db"):
        from bot.commands import backup
        maintenance = {"backup": backup.backup, "restore": backup.restore,
                       "migrate-db": backup.migrate_db}[args.command]
        return asyncio.run(maintenance(args, settings))
    from bot.commands import check
    return check.main()


if __name__ == "__main__":
    sys.exit(main())
