#!/usr/bin/env python3
"""Run Python trafilatura over an extraction set, single-threaded.

Usage: trafilatura_run.py HTML_DIR TRUTH_JSONL OUT_PREDICTIONS_JSONL [ROUNDS]

Pages are read (and gunzipped) before timing, so the time covers
extraction only, as `entente eval extract` measures it; with ROUNDS > 1
the fastest round counts (as `entente eval extract --rounds`). Prints one JSON
object: {"pages": N, "seconds": S, "pages_per_s": R}.
"""
import gzip
import json
import os
import sys
import time

import trafilatura


def main() -> None:
    html_dir, truth_path, out_path = sys.argv[1:4]
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    rows = [json.loads(line) for line in open(truth_path, encoding="utf-8") if line.strip()]
    pages = []
    for r in rows:
        gz = os.path.join(html_dir, r["id"] + ".html.gz")
        if os.path.exists(gz):
            with gzip.open(gz, "rb") as f:
                raw = f.read()
        else:
            with open(os.path.join(html_dir, r["id"] + ".html"), "rb") as f:
                raw = f.read()
        pages.append((r, raw))
    best = None
    for _ in range(rounds - 1):
        start = time.perf_counter()
        for r, raw in pages:
            trafilatura.extract(raw, url=r.get("url"), output_format="json", with_metadata=True)
        e = time.perf_counter() - start
        best = e if best is None else min(best, e)
    elapsed = 0.0
    with open(out_path, "w", encoding="utf-8") as out:
        for r, raw in pages:
            start = time.perf_counter()
            res = trafilatura.extract(
                raw, url=r.get("url"), output_format="json", with_metadata=True
            )
            elapsed += time.perf_counter() - start
            d = json.loads(res) if res else {}
            out.write(json.dumps({
                "id": r["id"],
                "body": d.get("text") or "",
                "title": d.get("title"),
                "author": d.get("author"),
                "date": d.get("date"),
            }) + "\n")
    if best is not None:
        elapsed = min(elapsed, best)
    print(json.dumps({
        "pages": len(pages),
        "seconds": elapsed,
        "pages_per_s": len(pages) / elapsed if elapsed > 0 else 0.0,
    }))


if __name__ == "__main__":
    main()
