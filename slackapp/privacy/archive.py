"""The export's file: a zip of trellis-export.json (everything, by kind) and one CSV per kind, written with the
standard library alone."""

import csv
import io
import json
import zipfile
from datetime import date, datetime

from domain.privacy.export import Export
from domain.privacy.kinds import KINDS

FILENAME = "trellis-export.zip"
DOCUMENT = "trellis-export.json"
FORMULA = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet would run a cell starting so as a formula


def archive(export: Export) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr(DOCUMENT, json.dumps(document(export), indent=2, ensure_ascii=False, default=_plain))
        for kind in KINDS:
            zipped.writestr(f"{kind.name}.csv", _csv(kind.columns, export.records[kind.name]))
    return buffer.getvalue()


def document(export: Export) -> dict:
    return {
        "user_id": export.user_id,
        "workspace": {"enterprise_id": export.workspace.enterprise_id, "team_id": export.workspace.team_id},
        "exported_at": export.at.isoformat(),
        "kinds": export.records,
    }


def _csv(columns: tuple[str, ...], records: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows([_cell(record[column]) for column in columns] for record in records)
    return out.getvalue()


def _cell(value) -> str:
    """One CSV cell: lists and objects as JSON, instants and days in ISO 8601, text that a spreadsheet would take
    for a formula behind a quote mark."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=_plain)
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA) else value
    return _plain(value) if isinstance(value, date | datetime) else str(value)


def _plain(value) -> str:
    return value.isoformat() if isinstance(value, date | datetime) else str(value)
