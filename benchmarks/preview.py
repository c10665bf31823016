"""Time from a changed choice to an updated preview, server side (`policygen serve`).

    python benchmarks/preview.py [--runs N]

POSTs the page's form to /preview with Flask's test client for the all-defaults
example, changing one choice each time (as a click on a radio button does), and
prints min / median / max of the whole request, then of its steps in-process:
the options file the answers make and its validation, the resolver, and the HTML
writer. Target: a median under 150 ms.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.frontends.answers import answer, check_answers, form_values, preview_html  # noqa: E402
from generator.frontends.serve import create_app  # noqa: E402

EXAMPLE = ROOT / "examples" / "soendervang-skole.yaml"
TARGET_MS = 150.0
CHOICE = "choices.friendships.current_pupils"
VALUES = ("not-allowed", "advised-against", "own-judgement")


def page_form(client: Any, base_url: str) -> dict[str, str]:
    """The form as the page posts it: every text input's value and every checked radio."""
    html = client.get("/", base_url=base_url).get_data(as_text=True)
    form = {name: value for name, value in re.findall(r'<input type="(?:text|hidden|date|tel|email)"[^>]*?'
                                                      r'name="([^"]+)" value="([^"]*)"', html)}
    form.update(re.findall(r'<input type="radio"[^>]*?name="([^"]+)" value="([^"]*)" checked', html))
    form["csrf_token"] = re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)  # type: ignore[union-attr]
    return form


def timed(step: Callable[[int], Any], runs: int) -> list[float]:
    times = []
    for index in range(runs):
        start = time.perf_counter()
        step(index)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    app = create_app(EXAMPLE)
    client = app.test_client()
    base_url = "http://127.0.0.1:8765"
    client.environ_base["HTTP_ORIGIN"] = base_url
    form = page_form(client, base_url)
    setup = app.config["POLICYGEN_SETUP"]

    def post(index: int) -> None:
        response = client.post("/preview", data={**form, CHOICE: VALUES[index % 3]}, base_url=base_url)
        assert response.status_code == 200 and response.get_json()["ok"], response.status_code

    post(0)  # the first request pays for imports and template compilation: not what a click costs
    rows = {"POST /preview (whole request)": timed(post, args.runs)}
    from generator.compose.resolve import resolve

    def values(index: int) -> dict[str, Any]:
        return form_values(setup, {**form, CHOICE: VALUES[index % 3]})

    results = [answer(setup, "da", values(i)) for i in range(3)]
    rows["  options file + validate"] = timed(lambda i: check_answers(setup, "da", values(i)), args.runs)
    rows["  resolve"] = timed(lambda i: resolve(setup.library, results[i % 3].checked.choices), args.runs)
    rows["  render_html"] = timed(lambda i: preview_html(results[i % 3].document), args.runs)
    print(f"{'ms, ' + str(args.runs) + ' runs':32} {'min':>7} {'median':>7} {'max':>7}")
    for name, times in rows.items():
        print(f"{name:32} {min(times):7.1f} {statistics.median(times):7.1f} {max(times):7.1f}")
    median = statistics.median(rows["POST /preview (whole request)"])
    verdict = "within" if median < TARGET_MS else "OVER"
    print(f"median {median:.1f} ms: {verdict} the target of {TARGET_MS:.0f} ms")


if __name__ == "__main__":
    main()
