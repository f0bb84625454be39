"""The tables lay out plain one-line cells themselves: the segments must be DataTable's own, cell by cell."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable
from tuidata import drive

from quotes.tui.safe import Bar, cell
from quotes.tui.widgets.paged_table import Column, FittedTable

COLUMNS = (
    Column("Quote", "quote", share=0.7),
    Column("Who", "who", share=0.3),
    Column("Kind", "kind", 7),
    Column("N", "n", 3),
)
ROWS: list[tuple[object, ...]] = [
    (cell("We will not cut the water budget this year, whatever the council says."), cell("Mara Okafor"), Text("speech"), Text("12")),
    (cell("短い引用ですが幅の広い文字が列の端をまたぎます。"), cell("", empty="(unresolved)", style="italic"), Text("partial"), Text("7")),
    (cell(""), cell("Hale"), Text("unclosed quote"), Text("1234")),
    (Text("not cut: cropped instead of an ellipsis at the edge"), Text("Roe", style="bold red"), Text(""), Bar(0.5)),
    (Text.assemble(("styled", "bold"), " in parts"), cell("[b]Elmtown[/b] \x1b[31m"), Text("term"), Text(" 5 ")),
]


class Tables(App[None]):
    def compose(self) -> ComposeResult:
        yield FittedTable(COLUMNS)


def rendered_both_ways(table: FittedTable, row: int, column: int, base: Style, **flags: bool) -> tuple[object, object]:
    width = table.ordered_columns[column].get_render_width(table)
    table._cell_render_cache.clear()
    ours = table._render_cell(row, column, base, width, **flags)
    table._cell_render_cache.clear()
    theirs = DataTable._render_cell(table, row, column, base, width, **flags)
    return ours, theirs


@drive
async def test_plain_cells_render_as_datatable_renders_them() -> None:
    app = Tables()
    async with app.run_test(size=(90, 20)) as pilot:
        table = app.query_one(FittedTable)
        for index, cells in enumerate(ROWS):
            table.add_row(*cells, key=str(index))
        await pilot.pause()
        laid_out_here = 0
        for width in (90, 48):
            await pilot.resize_terminal(width, 20)
            await pilot.pause()
            for row in range(len(ROWS)):
                for column in range(len(COLUMNS)):
                    if table._plain_cell(row, column, table.ordered_columns[column].get_render_width(table)):
                        laid_out_here += 1
                    for base in (Style(), Style(color="red", bgcolor="grey11"), table.rich_style):
                        for flags in ({}, {"cursor": True}, {"hover": True}, {"cursor": True, "hover": True}):
                            ours, theirs = rendered_both_ways(table, row, column, base, **flags)
                            assert ours == theirs, (width, row, column, base, flags)
        assert laid_out_here >= 24  # most cells take the quick way (not the Bar, the spans or " 5 ")


@drive
async def test_a_wide_character_cut_at_the_edge_keeps_the_width() -> None:
    app = Tables()
    async with app.run_test(size=(60, 10)) as pilot:
        table = app.query_one(FittedTable)
        table.add_row(*ROWS[1], key="wide")
        await pilot.pause()
        width = table.ordered_columns[0].get_render_width(table)
        [line] = table._render_cell(0, 0, Style(), width)
        assert Segment.get_line_length(line) == width
