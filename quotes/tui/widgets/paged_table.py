"""DataTables whose columns fit the width, and one that asks for more rows when the user nears its end."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Self, TypeVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.color import Color
from textual.coordinate import Coordinate
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey

_T = TypeVar("_T")
NEAR_END_ROWS = 30  # ask for the next page this many rows before the last one shows


@dataclass(frozen=True)
class Column:
    """One column of a FittedTable: a fixed width, or a share of the width the fixed columns leave."""

    label: str
    key: str
    width: int = 4
    share: float = 0.0  # > 0: the column takes this share of what the fixed columns leave
    narrow: bool = True  # still shown when the table is narrower than its `narrow_below`


class FittedTable(DataTable[object]):
    """A row-cursor table whose shared columns take what the fixed ones leave, so no row scrolls sideways;
    below `narrow_below` cells wide it shows only the columns marked `narrow` (80-column terminals)."""

    def __init__(
        self, columns: tuple[Column, ...], *, narrow_below: int = 0, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=True)
        self.spec = columns
        self.narrow_below = narrow_below
        self.narrow = False
        self.kept: dict[str | None, tuple[object, ...]] = {}  # every cell of each row, for a change of width
        self._drawing: dict[object, Any] | None = None  # styles worked out once per drawing pass
        self._add_columns()

    def render_lines(self, crop: Region) -> list[Strip]:
        """Draw, working out the table's own style, its background and each kind of row's style once for
        the whole pass: DataTable asks for them on every line (each walks every ancestor's styles)."""
        self._drawing = {}
        try:
            return super().render_lines(crop)
        finally:
            self._drawing = None

    def _once(self, key: object, work: Callable[[], _T]) -> _T:
        drawing = self._drawing
        if drawing is None:
            return work()
        if key not in drawing:
            drawing[key] = work()
        found: _T = drawing[key]
        return found

    @property
    def rich_style(self) -> Style:
        return self._once("rich_style", lambda: super(FittedTable, self).rich_style)

    @property
    def background_colors(self) -> tuple[Color, Color]:
        return self._once("background_colors", lambda: super(FittedTable, self).background_colors)

    def _get_row_style(self, row_index: int, base_style: Style) -> Style:
        stripe = row_index % 2 if row_index >= self.fixed_rows else row_index
        return self._once(("row", stripe, base_style), lambda: super(FittedTable, self)._get_row_style(row_index, base_style))

    def shown(self) -> tuple[Column, ...]:
        return tuple(column for column in self.spec if column.narrow or not self.narrow)

    def _add_columns(self) -> None:
        for column in self.shown():
            self.add_column(column.label, width=column.width, key=column.key)

    def add_row(
        self, *cells: object, height: int | None = 1, key: str | None = None, label: Text | str | None = None
    ) -> RowKey:
        """Add a row given every column's cell (in `columns` order); only the shown ones are drawn."""
        if self.narrow_below:
            self.kept[key] = cells
        if self.narrow:
            cells = tuple(c for c, column in zip(cells, self.spec, strict=True) if column.narrow)
        return super().add_row(*cells, height=height, key=key, label=label)

    def clear(self, columns: bool = False) -> Self:
        self.kept.clear()
        return super().clear(columns)

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """Size the table without measuring each cell of the new rows when nothing depends on it: every
        column has a set width (no auto width) and every row is one line without a label. DataTable
        measures every cell otherwise, on the event loop: ~0.5 s for a page of 200 quotes on a busy
        machine, while a worker is reading the next page."""
        added = [self.rows.get(key) for key in new_rows]
        measured = any(column.auto_width for column in self.columns.values()) or any(
            row is not None and (row.auto_height or row.label is not None) for row in added
        )
        super()._update_dimensions(new_rows if measured else ())

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> list[list[Segment]]:
        """A body cell holding one line of plain `Text` is laid out here, with the segments and styles
        DataTable's own rendering gives (tests/tui/test_fast_cells.py compares the two), without Rich's
        general wrap, pad and crop pipeline: that pipeline was most of the event loop's time when a
        page of quotes is first drawn (~0.3 ms a cell, 185 cells at 120x40). Any other cell goes to
        DataTable."""
        plain = self._plain_cell(row_index, column_index, width)
        if plain is None:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        cell, row_key, column_key = plain
        cache_key = (
            row_key,
            column_key,
            base_style,
            cursor,
            hover,
            self._show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )
        lines = self._cell_render_cache.get(cache_key)
        if lines is None:
            component_style, post_style = self._get_styles_to_render_cell(
                False,
                False,
                False,
                hover,
                cursor,
                self.show_cursor,
                self._show_hover_cursor,
                self.cursor_foreground_priority == "css",
                self.cursor_background_priority == "css",
            )
            pre_style = base_style + Style.from_meta({"row": row_index, "column": column_index}) + component_style
            text, inner = cell.plain, width - 2 * self.cell_padding
            if cell_len(text) > inner:
                ellipsis = (cell.overflow or self.app.console_options.overflow) == "ellipsis"
                text = set_cell_size(text, inner - 1) + "\u2026" if ellipsis else set_cell_size(text, inner)
            own_style = self.app.console.get_style(cell.style) if cell.style else None
            blank = pre_style + post_style
            segments = [Segment(" " * self.cell_padding, blank)] if self.cell_padding else []
            segments.append(Segment(text, pre_style + own_style + post_style if own_style else blank))
            if (fill := inner - cell_len(text)) > 0:
                segments.append(Segment(" " * fill, blank))
            if self.cell_padding:
                segments.append(Segment(" " * self.cell_padding, blank))
            lines = [segments]
            self._cell_render_cache[cache_key] = lines
        return lines

    def _plain_cell(self, row_index: int, column_index: int, width: int) -> tuple[Text, RowKey, ColumnKey] | None:
        """The cell's Text (and keys) when this class lays it out itself: a body cell of a one-line row,
        plain text without spans, tabs, line breaks or trailing spaces, cut with an ellipsis or cropped."""
        if row_index < max(0, self.fixed_rows) or column_index < max(0, self.fixed_columns):
            return None
        if width - 2 * self.cell_padding < 2:
            return None
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        row = None if row_key is None else self.rows.get(row_key)
        if row_key is None or column_key is None or row is None or row.height != 1 or row.auto_height:
            return None
        value = self._data.get(row_key, {}).get(column_key)
        if not isinstance(value, Text) or value.spans or value.justify not in (None, "default"):
            return None
        if (value.overflow or self.app.console_options.overflow or "fold") == "ignore" or value.end != "\n":
            return None
        text = value.plain
        if "\t" in text or "\n" in text or text != text.rstrip():
            return None
        return value, row_key, column_key

    def on_resize(self) -> None:
        if not self.size.width:
            return  # hidden (display: none): its columns are decided when it shows
        narrow = self.size.width < self.narrow_below
        if narrow != self.narrow:
            self.narrow = narrow
            rows, cursor = list(self.kept.items()), self.cursor_row
            self.clear(columns=True)
            self._add_columns()
            for key, cells in rows:
                self.add_row(*cells, key=key)
            if self.row_count:
                self.move_cursor(row=min(cursor, self.row_count - 1))
        self.fit_columns()

    def fit_columns(self) -> None:
        """Share the width the fixed columns leave among the others, so no row scrolls sideways."""
        shown = {column.key: column for column in self.shown()}
        shared = [key for key in self.columns if key.value in shown and shown[key.value].share > 0]
        if not shared:
            return
        total_share = sum(shown[str(key.value)].share for key in shared)
        fixed = sum(c.get_render_width(self) for k, c in self.columns.items() if k not in shared)
        left = self.scrollable_content_region.width - fixed - 2 * self.cell_padding * len(shared) - 1
        changed = False
        for key in shared:
            width = max(4, int(left * shown[str(key.value)].share / total_share))
            if self.columns[key].width != width:
                self.columns[key].width = width
                changed = True
        if changed:
            self._require_update_dimensions = True
            self._clear_caches()
            self.refresh()


class PagedTable(FittedTable):
    """Rows arrive a page at a time; `NearEnd` says when the next page is wanted."""

    @dataclass
    class NearEnd(Message):
        table: PagedTable

    def __init__(
        self, columns: tuple[Column, ...], *, narrow_below: int = 0, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(columns, narrow_below=narrow_below, id=id, classes=classes)
        self.has_more = False
        self.loading_more = False

    def _want_more(self) -> None:
        if not self.has_more or self.loading_more:
            return
        last_visible = int(self.scroll_y) + self.scrollable_content_region.height
        if max(self.cursor_row, last_visible) >= self.row_count - NEAR_END_ROWS:
            self.loading_more = True
            self.post_message(self.NearEnd(self))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._want_more()

    def watch_cursor_coordinate(self, old_coordinate: Coordinate, new_coordinate: Coordinate) -> None:
        super().watch_cursor_coordinate(old_coordinate, new_coordinate)
        self._want_more()

    def pages_arrived(self, has_more: bool) -> None:
        """Call after adding a page: whether there is another one after it."""
        self.has_more = has_more
        self.loading_more = False
        self._want_more()
