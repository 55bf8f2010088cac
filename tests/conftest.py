"""Shared fixtures. GUI tests run offscreen; each test gets a copy of one migrated database."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PROPDESK_DATA_DIR", "/nonexistent-propdesk-tests")  # never the user's

import pytest  # noqa: E402

from app.bootstrap import Opened, open_data  # noqa: E402
from app.services import Services, build_services  # noqa: E402

TODAY = date(2026, 11, 23)
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def template_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template-data")
    opened = open_data(folder)
    opened.close()
    return folder


@pytest.fixture
def data_dir(template_data_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(template_data_dir, target)
    return target


@pytest.fixture
def opened(data_dir: Path) -> Iterator[Opened]:
    o = open_data(data_dir)
    o.settings.update(operator_name="测试员")
    yield o
    o.close()


@pytest.fixture
def services(opened: Opened) -> Services:
    """Services whose today is fixed at 2026-11-23."""
    return build_services(replace(opened.services.ctx, today=lambda: TODAY))


@pytest.fixture
def demo(services: Services) -> Services:
    services.demo.load(issues=False)
    return services
