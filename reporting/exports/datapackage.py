"""A Frictionless Tabular Data Package: long, wide and codebook CSVs in one zip.

`datapackage.json` describes each CSV with a Table Schema (field names, types, enums,
the wide table's primary key) so that `frictionless validate` checks every value, and
R (`frictionless`), Python (`frictionless`, pandas) or Stata users load typed data.

The zip is written as a stream (entries with data descriptors), so it can go straight
into an HTTP response without a temporary file.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator, Sequence

from flask_babel import force_locale
from flask_babel import gettext as _

from ..models.types import utcnow
from .writers import Dataset, csv_chunks, iso_datetime

PRIMARY_KEYS = {"wide": ["party_iso3", "cycle_code"]}


class _Pipe(io.RawIOBase):
    """A write-only, unseekable byte sink that hands over what was written."""

    def __init__(self):
        self._chunks: list[bytes] = []
        self._size = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._chunks.append(bytes(data))
        self._size += len(data)
        return len(data)

    def tell(self) -> int:
        return self._size

    def drain(self) -> bytes:
        data = b"".join(self._chunks)
        self._chunks.clear()
        return data


def descriptor(datasets: Sequence[Dataset], filters: dict, language: str) -> dict:
    """The datapackage.json content for CSV resources named after the datasets."""
    with force_locale(language):
        resources = []
        for dataset in datasets:
            schema = {"fields": [f.as_schema() for f in dataset.fields], "missingValues": [""]}
            if dataset.name in PRIMARY_KEYS:
                schema["primaryKey"] = PRIMARY_KEYS[dataset.name]
            resources.append(
                {
                    "name": dataset.name,
                    "path": f"{dataset.name}.csv",
                    "profile": "tabular-data-resource",
                    "format": "csv",
                    "mediatype": "text/csv",
                    "encoding": "utf-8",
                    "schema": schema,
                }
            )
        return {
            "profile": "tabular-data-package",
            "name": "ort-national-reports",
            "title": _("National reports: long and wide data with their codebook"),
            "description": _(
                "Exported by ORT. Selection: %(filters)s",
                filters=json.dumps(filters, ensure_ascii=False, sort_keys=True),
            ),
            "created": iso_datetime(utcnow()),
            "resources": resources,
        }


def _entry(name: str, stamp: tuple) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def datapackage_chunks(
    datasets: Sequence[Dataset], filters: dict, language: str
) -> Iterator[bytes]:
    pipe = _Pipe()
    stamp = utcnow().timetuple()[:6]
    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            _entry("datapackage.json", stamp),
            json.dumps(descriptor(datasets, filters, language), ensure_ascii=False, indent=2),
        )
        yield pipe.drain()
        for dataset in datasets:
            with archive.open(_entry(f"{dataset.name}.csv", stamp), "w", force_zip64=True) as entry:
                for chunk in csv_chunks(dataset):
                    entry.write(chunk)
                    yield pipe.drain()
    yield pipe.drain()
