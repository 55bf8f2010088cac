from app.domain.tabular import CellProblem
from app.ui.dialogs.import_dialog import PROBLEM_COLUMNS
from app.ui.models.community_table_model import CommunityTableModel
from app.ui.models.list_table_model import ListTableModel
from app.ui.pages.companies_page import COLUMNS as COMPANY_COLUMNS


def test_community_model_passes_modeltester(qtmodeltester, demo):
    model = CommunityTableModel(demo.communities)
    model.refresh()
    assert model.rowCount() == 40
    qtmodeltester.check(model, force_py=True)
    model.sort(4)
    qtmodeltester.check(model, force_py=True)


def test_company_and_problem_models_pass_modeltester(qtmodeltester, demo):
    qtmodeltester.check(ListTableModel(COMPANY_COLUMNS, demo.companies.search()), force_py=True)
    problems = [CellProblem(3, "户数", "-1", "户数不能为负数")]
    qtmodeltester.check(ListTableModel(PROBLEM_COLUMNS, problems), force_py=True)


def test_lazy_rows_are_fetched_in_batches(demo):
    calls = []

    def fetch(ids):
        calls.append(len(ids))
        return demo.communities.rows(ids)

    model = CommunityTableModel(demo.communities)
    model._fetch = fetch
    model.refresh()
    model.data(model.index(0, 0))
    model.data(model.index(1, 0))
    assert calls == [40]


def test_unfiltered_ids_are_reused_until_a_write(demo):
    from dataclasses import replace

    from app.domain.community import CommunityQuery

    model = CommunityTableModel(demo.communities)
    calls = []
    real = demo.communities.search_ids
    model._service = type(
        "S",
        (),
        {
            "search_ids": lambda _s, q: calls.append(q) or real(q),
            "generation": lambda _s: demo.communities.generation(),
            "rows": demo.communities.rows,
        },
    )()
    model.set_query(CommunityQuery())
    model.set_query(CommunityQuery(text="花园"))
    model.set_query(CommunityQuery())
    assert len(calls) == 2  # the second unfiltered query came from the memo
    rec = demo.communities.get(model.id_at(0))
    demo.communities.update(rec.id, replace(rec.fields, name="ZZZ最后"))
    model.set_query(CommunityQuery())
    assert len(calls) == 3
    assert model.record(model.row_of(rec.id)).name == "ZZZ最后"
    assert model.row_of(rec.id) == 0  # re-sorted: ASCII sorts before Chinese
