"""Serving Slack: over HTTP, as an inbox worker, or over Socket Mode."""

from __future__ import annotations

import argparse
import asyncio
import sys

from bot.settings import Settings


def run_slack(settings: Settings, args: argparse.Namespace) -> int:
    from bot.slack.server import serve, socket_mode, supervised_worker
    from bot.slack.worker_pool import Handoff, default_workers, die_with_parent

    missing = [
        name
        for name, value in (
            ("SLACK_BOT_TOKEN", settings.slack_bot_token or settings.oauth_enabled),
            (
                "SLACK_SIGNING_SECRET",
                settings.slack_signing_secret if args.command == "serve" else 1,
            ),
            ("SLACK_APP_TOKEN", settings.slack_app_token if args.command == "socket" else 1),
        )
        if not value
    ]
    if missing:
        print(
            f"Set {', '.join(missing)} first (see README: Install in your workspace).",
            file=sys.stderr,
        )
        return 2
    if args.command == "serve":
        workers = 0 if args.no_worker else args.workers
        asyncio.run(
            serve(
                settings,
                args.host,
                args.port or settings.port,
                with_worker=not args.no_worker,
                workers=default_workers() if workers is None else workers,
            )
        )
    elif args.command == "worker" and args.supervised:
        handoff = Handoff.read(sys.stdin.buffer)
        die_with_parent(handoff.parent)
        asyncio.run(supervised_worker(settings, handoff))
    elif args.command == "worker":
        asyncio.run(serve(settings, args.host, args.port or 3001, events=False))
    else:
        asyncio.run(socket_mode(settings))
    return 0
