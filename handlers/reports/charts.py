"""The admins' chart: one page per plan, a stacked bar per task (the four office states), short
distinct task labels (section and first words), laid out for A4 landscape.

matplotlib's object API (no pyplot, no global state) with DejaVu Sans, which carries every
Vietnamese letter. Pure: rows in, PNG bytes out.
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap
from collections import Counter
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from handlers.reports.rows import (
    STATE_COLOURS,
    StatusRow,
    as_of_line,
    section_order,
    task_labels,
)
from handlers.tasks import STATE_LABELS, OfficeState
from handlers.texts import reports as texts

A4_LANDSCAPE = (11.69, 8.27)  # inches
DPI = 120
TASKS_PER_PAGE = 30
FONT = "DejaVu Sans"


def render_charts(as_of: dt.datetime, rows: Sequence[StatusRow]) -> list[tuple[str, bytes]]:
    """One chart per plan (and per page of 30 tasks): (the plan, the PNG)."""
    labels = task_labels(rows)
    plans: dict[str, dict[str, Counter[OfficeState]]] = {}
    for row in rows:
        per_task = plans.setdefault(row.plan, {})
        per_task.setdefault(labels[(row.plan, row.task_ref, row.task)], Counter())[row.state] += 1
    if not plans:
        return [("", _page(texts.EXPORT_TITLE, as_of, []))]
    charts = []
    order = {label: section_order(key[1]) for key, label in labels.items()}
    for plan, per_task in plans.items():
        tasks = sorted(per_task.items(), key=lambda item: order[item[0]])
        pages = [tasks[i:i + TASKS_PER_PAGE] for i in range(0, len(tasks), TASKS_PER_PAGE)]
        for number, page in enumerate(pages, 1):
            title = plan if len(pages) == 1 else texts.EXPORT_CHART_PAGE.format(
                plan=plan, page=number, pages=len(pages))
            charts.append((plan, _page(title, as_of, page)))
    return charts


def _page(title: str, as_of: dt.datetime, tasks: list[tuple[str, Counter[OfficeState]]]
          ) -> bytes:
    figure = Figure(figsize=A4_LANDSCAPE, dpi=DPI)
    FigureCanvasAgg(figure)
    heading = "\n".join([texts.EXPORT_TITLE, *textwrap.wrap(title, 100), as_of_line(as_of)])
    figure.suptitle(heading, fontsize=11, fontfamily=FONT, y=0.98)
    axes = figure.add_axes((0.36, 0.12, 0.6, 0.72))
    if not tasks:
        axes.axis("off")
        axes.text(0.5, 0.5, texts.EXPORT_NO_DATA, ha="center", va="center", fontfamily=FONT)
    else:
        _bars(axes, tasks)
        figure.legend(handles=[Patch(facecolor=f"#{STATE_COLOURS[s]}", edgecolor="#606060",
                                     label=STATE_LABELS[s]) for s in OfficeState],
                      loc="lower center", ncols=4, frameon=False,
                      prop={"family": FONT, "size": 9}, bbox_to_anchor=(0.5, 0.01))
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _bars(axes: Axes, tasks: list[tuple[str, Counter[OfficeState]]]) -> None:
    positions = list(range(len(tasks)))
    left = [0] * len(tasks)
    for state in OfficeState:
        values = [counts.get(state, 0) for _, counts in tasks]
        axes.barh(positions, values, left=left,
                  color=f"#{STATE_COLOURS[state]}", edgecolor="#606060", height=0.7)
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.set_yticks(positions, [label for label, _ in tasks],
                    fontsize=8 if len(tasks) > 15 else 9, fontfamily=FONT)
    axes.invert_yaxis()
    axes.set_xlabel(texts.EXPORT_CHART_AXIS, fontfamily=FONT)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
