#!/usr/bin/env python3
"""Run Python trafilatura over an extraction set, single-threaded.

Usage: trafilatura_run.py HTML_DIR TRUTH_JSONL OUT_PREDICTIONS_JSONL

Pages are read (and gunzipped) before timing, so the time covers
extraction only, as `entente eval extract` measures it. Prints one JSON
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
    print(json.dumps({
        "pages": len(pages),
        "seconds": elapsed,
        "pages_per_s": len(pages) / elapsed if elapsed > 0 else 0.0,
    }))


if __name__ == "__main__":
    main()
