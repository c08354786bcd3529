from __future__ import annotations

import pytest

from khabar.errors import ConfigError
from khabar.settings import Settings, load_settings


def test_defaults_and_overrides(tmp_path):
    p = tmp_path / "s.yaml"
    p.write_text("batch_size: 8\nkb_files: extra.yaml\n", encoding="utf-8")
    s = load_settings(p, workers=2)
    assert s.batch_size == 8 and s.workers == 2 and s.kb_files == ("extra.yaml",)
    assert Settings().batch_size == 64


def test_unknown_key_is_rejected_with_the_file_name(tmp_path):
    p = tmp_path / "s.yaml"
    p.write_text("batchsize: 8\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"s\.yaml: unknown setting 'batchsize'"):
        load_settings(p)


def test_wrong_type_is_rejected(tmp_path):
    p = tmp_path / "s.yaml"
    p.write_text("progress: 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="true or false"):
        load_settings(p)
