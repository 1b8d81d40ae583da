"""Wheel build hook: ship the bundled content's validated cache (studytui/_prebuilt/), so
that the first start after an install parses no YAML. Editable installs skip it: they
read the working tree's content, which changes under them."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class ShippedCacheHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        sys.path.insert(0, self.root)
        try:
            from studytui.content.prebuilt import build_shipped_caches

            self._scratch = Path(tempfile.mkdtemp(prefix="studytui-prebuilt-"))
            for path in build_shipped_caches(Path(self.root) / "content", self._scratch):
                build_data["force_include"][str(path)] = f"studytui/_prebuilt/{path.name}"
        finally:
            sys.path.remove(self.root)

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        scratch = getattr(self, "_scratch", None)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
