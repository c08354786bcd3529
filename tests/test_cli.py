"""The command line: every command has help; usage errors exit 2."""

from __future__ import annotations

from click.testing import CliRunner

from khabar.cli.main import cli


def test_every_command_has_help():
    r = CliRunner()
    assert r.invoke(cli, ["--help"]).exit_code == 0
    for name, cmd in cli.commands.items():
        res = r.invoke(cli, [name, "--help"])
        assert res.exit_code == 0, name
        assert cmd.help and len(cmd.help) > 20, f"{name} needs a real help text"


def test_missing_database_is_a_usage_error(tmp_path):
    res = CliRunner().invoke(cli, ["events", "--db", str(tmp_path / "none.db")])
    assert res.exit_code == 2
    assert "no such database" in res.output


def test_unknown_setting_in_config_is_a_usage_error(tmp_path):
    cfg = tmp_path / "c.yaml"
    cfg.write_text("nonsense: 1\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["analyze", str(tmp_path), "--config", str(cfg), "--db", str(tmp_path / "k.db")])
    assert res.exit_code == 2
    assert "unknown setting 'nonsense'" in res.output
