"""Stored pairing decisions on SQLite and PostgreSQL, and ``planwatch pair`` feeding ``diff``."""

from __future__ import annotations

import json

import pytest

from planwatch.errors import PlanwatchError
from planwatch.lineage import ChangeKind, PairingDecision, diff_plans
from planwatch.store import migrated_engine
from planwatch.store.audit import list_audit
from planwatch.store.lineage import (
    DecisionNotFound,
    delete_decision,
    list_decisions,
    save_decision,
    stored_decisions,
)

RULING = PairingDecision(
    jurisdiction="苏州市", old_name="政务服务可网办率", new_name="新开工城中村改造", kind="replaced"
)


def test_save_list_supersede_delete_with_audit(any_db_url):
    engine = migrated_engine(any_db_url)
    first = save_decision(engine, RULING, actor="张三")
    general = save_decision(engine, PairingDecision(old_name="甲", new_name="乙"))
    second = save_decision(engine, RULING.model_copy(update={"kind": ChangeKind.RENAMED}))
    assert [d.id for d in list_decisions(engine, "苏州市")] == [second.id, general.id]
    assert [d.id for d in list_decisions(engine, "昆山市")] == [general.id]
    delete_decision(engine, second.id)
    assert list_decisions(engine) == [general]
    actions = [(e.action, e.entity_id) for e in list_audit(engine, "lineage_decision")]
    assert actions[:2] == [("delete", second.id), ("create", second.id)]
    assert ("supersede", first.id) in actions


def test_deleting_an_unknown_decision_is_a_clear_error(sqlite_url):
    with pytest.raises(DecisionNotFound) as caught:
        delete_decision(migrated_engine(sqlite_url), 99)
    assert "没有编号为99的配对决定" in caught.value.message


def test_a_pairing_of_two_names_cannot_be_an_addition(sqlite_url):
    bad = RULING.model_copy(update={"kind": ChangeKind.ADDED})
    with pytest.raises(PlanwatchError, match="类型只能是不变、更名或替换"):
        save_decision(migrated_engine(sqlite_url), bad)


def test_no_database_file_means_no_decisions_and_no_file(tmp_path):
    url = f"sqlite:///{tmp_path / 'absent.sqlite'}"
    assert stored_decisions(url, "苏州市") == []
    assert not (tmp_path / "absent.sqlite").exists()


def test_stored_decision_changes_the_sample_diff(sqlite_url, sample_doc):
    save_decision(migrated_engine(sqlite_url), RULING)
    result = diff_plans(sample_doc, decisions=stored_decisions(sqlite_url, "苏州市"))
    pairing = next(p for p in result.pairings if p.new_name == "新开工城中村改造")
    assert (pairing.old_name, pairing.decided) == ("政务服务可网办率", True)
    assert "新开工改造城镇老旧小区" in [p.old_name for p in result.of_kind(ChangeKind.REMOVED)]


def test_cli_pair_then_diff_uses_it(cli, sample_path, tmp_path):
    db = str(tmp_path / "pw.sqlite")
    assert cli("ingest", str(sample_path), "--db", db).returncode == 0  # pair checks the names
    saved = cli(
        "pair", "新增高新技术企业数", "有效高新技术企业数", "--jurisdiction", "苏州市", "--db", db
    )
    assert saved.returncode == 0, saved.stderr
    assert saved.stdout == "已保存配对决定 #1：“新增高新技术企业数”更名为“有效高新技术企业数”\n"
    data = json.loads(cli("diff", str(sample_path), "--json", "--db", db).stdout)
    assert ["新增高新技术企业数", "有效高新技术企业数"] in data["renamed"]
    listed = json.loads(cli("pair", "--list", "--json", "--db", db).stdout)
    assert [(d["id"], d["kind"]) for d in listed] == [(1, "renamed")]
    gone = cli("pair", "--delete", "1", "--db", db)
    assert gone.returncode == 0 and "已删除配对决定 #1" in gone.stdout


def test_cli_pair_errors_are_messages_not_tracebacks(cli, tmp_path):
    db = str(tmp_path / "pw.sqlite")
    for args, code in (
        (["pair", "--delete", "7"], 5),
        (["pair", "甲", "乙", "--kind", "moved"], 1),
    ):
        result = cli(*args, "--db", db)
        assert result.returncode == code and "Traceback" not in result.stderr
        assert result.stderr.startswith("错误：")


def test_cli_pair_refuses_names_no_stored_table_has(cli, sample_path, tmp_path):
    db = str(tmp_path / "pw.sqlite")
    empty = cli("pair", "不存在A", "不存在B", "--db", db)
    assert (empty.returncode, empty.stdout) == (5, "")
    assert empty.stderr == (
        "错误：已存计划中没有指标“不存在A”：数据库里还没有计划。"
        "先用 planwatch ingest 导入报告，或加 --force 保存尚未导入的指标名称\n"
        "Error: no stored plan has an indicator named '不存在A'; ingest first or use --force\n"
    )
    assert cli("ingest", str(sample_path), "--db", db).returncode == 0
    typo = cli("pair", "新增高新技术企业", "有效高新技术企业数", "--db", db)
    assert (typo.returncode, typo.stdout) == (5, "")
    assert typo.stderr.splitlines()[0] == (
        "错误：已存计划的指标表中没有指标“新增高新技术企业”。"
        "是否指：“新增高新技术企业数”、“有效高新技术企业数”？"
        "若是尚未导入的报告中的指标，请加 --force"
    )
    unknown_new = cli("pair", "新增高新技术企业数", "不存在B", "--db", db)
    assert unknown_new.returncode == 5
    assert unknown_new.stderr.startswith("错误：已存计划的指标表中没有指标“不存在B”。若是")
    assert json.loads(cli("pair", "--list", "--json", "--db", db).stdout) == []
    forced = cli("pair", "不存在A", "不存在B", "--force", "--db", db)
    assert forced.returncode == 0, forced.stderr
    assert forced.stdout == "已保存配对决定 #1：“不存在A”更名为“不存在B”\n"
