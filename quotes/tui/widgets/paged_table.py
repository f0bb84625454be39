"""A DataTable that asks for more rows when the user nears its end (keyset or offset paging)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable

NEAR_END_ROWS = 30  # ask for the next page this many rows before the last one shows


class PagedTable(DataTable[object]):
    """Rows arrive a page at a time; `NearEnd` says when the next page is wanted."""

    @dataclass
    class NearEnd(Message):
        table: PagedTable

    def __init__(
        self, *, shares: dict[str, float] | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=True)
        self.shares = shares or {}  # column key -> its share of the width the fixed columns leave
        self.has_more = False
        self.loading_more = False

    def on_resize(self) -> None:
        self.fit_columns()

    def fit_columns(self) -> None:
        """Share the width the fixed columns leave among the others, so no row scrolls sideways."""
        shared = [key for key in self.columns if key.value in self.shares]
        if not shared:
            return
        fixed = sum(c.get_render_width(self) for k, c in self.columns.items() if k not in shared)
        left = self.scrollable_content_region.width - fixed - 2 * self.cell_padding * len(shared) - 1
        changed = False
        for key in shared:
            width = max(4, int(left * self.shares[str(key.value)]))
            if self.columns[key].width != width:
                self.columns[key].width = width
                changed = True
        if changed:
            self._require_update_dimensions = True
            self._clear_caches()
            self.refresh()

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
