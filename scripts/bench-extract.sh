#!/usr/bin/env bash
# Side-by-side article extraction benchmark: entente vs Python trafilatura
# on the same pages, same scorer (`entente eval extract`), both
# single-threaded, timing extraction only.
#
# Usage: scripts/bench-extract.sh [SET_DIR...]
#   SET_DIR: a folder with html/<id>.html(.gz) and truth.jsonl; default: the
#   two sets under ../shared/data/extraction (or $ENTENTE_SHARED/data/extraction).
# Env: VENV (default target/bench-venv), TRAFILATURA_VERSION (default 2.3.1),
#      ROUNDS (default 2): each tool is timed ROUNDS times, fastest round counts
#      (filters out load from other processes on a shared machine).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
venv="${VENV:-$root/target/bench-venv}"
traf_version="${TRAFILATURA_VERSION:-2.3.1}"
rounds="${ROUNDS:-2}"

if [ "$#" -eq 0 ]; then
    shared="${ENTENTE_SHARED:-}"
    if [ -z "$shared" ]; then
        d="$root"
        while [ "$d" != "/" ]; do
            if [ -d "$d/shared/data" ]; then shared="$d/shared"; break; fi
            d="$(dirname "$d")"
        done
    fi
    [ -n "$shared" ] || { echo "no shared/ found; give SET_DIRs" >&2; exit 2; }
    set -- "$shared/data/extraction/dev" "$shared/data/extraction/wcxb-articles-dev"
fi

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c "import trafilatura, sys; sys.exit(trafilatura.__version__ != '$traf_version')" 2>/dev/null; then
    "$venv/bin/pip" install --quiet "trafilatura==$traf_version"
fi
# jusText (a trafilatura dependency) needs lxml's split-out HTML cleaner.
if ! "$venv/bin/python" -c "import lxml_html_clean" 2>/dev/null; then
    "$venv/bin/pip" install --quiet "lxml_html_clean==0.4.6"
fi

cargo build --release -p entente --quiet
entente="$root/target/release/entente"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

field() { python3 -c "import json,sys; v=json.load(open(sys.argv[1])).get(sys.argv[2]); print('-' if v is None else (f'{v:.3f}' if isinstance(v,float) else v))" "$1" "$2"; }

for set in "$@"; do
    name="$(basename "$set")"
    "$entente" eval extract --html "$set/html" --truth "$set/truth.jsonl" --rounds "$rounds" --json > "$tmp/ent.json"
    "$venv/bin/python" "$root/scripts/extract/trafilatura_run.py" "$set/html" "$set/truth.jsonl" "$tmp/py_pred.jsonl" "$rounds" > "$tmp/py_time.json"
    "$entente" eval extract --truth "$set/truth.jsonl" --predictions "$tmp/py_pred.jsonl" --json > "$tmp/py.json"
    echo "== $name ($(field "$tmp/ent.json" pages) pages)"
    printf '%-22s %8s %8s %8s %8s %8s %8s %8s %10s\n' tool precision recall f1 bow_f1 title author date pages/s
    printf '%-22s %8s %8s %8s %8s %8s %8s %8s %10s\n' "entente" \
        "$(field "$tmp/ent.json" precision)" "$(field "$tmp/ent.json" recall)" "$(field "$tmp/ent.json" f1)" \
        "$(field "$tmp/ent.json" bow_f1)" "$(field "$tmp/ent.json" title_accuracy)" \
        "$(field "$tmp/ent.json" author_accuracy)" "$(field "$tmp/ent.json" date_accuracy)" \
        "$(field "$tmp/ent.json" pages_per_s)"
    printf '%-22s %8s %8s %8s %8s %8s %8s %8s %10s\n' "trafilatura $traf_version" \
        "$(field "$tmp/py.json" precision)" "$(field "$tmp/py.json" recall)" "$(field "$tmp/py.json" f1)" \
        "$(field "$tmp/py.json" bow_f1)" "$(field "$tmp/py.json" title_accuracy)" \
        "$(field "$tmp/py.json" author_accuracy)" "$(field "$tmp/py.json" date_accuracy)" \
        "$(field "$tmp/py_time.json" pages_per_s)"
    python3 -c "import json,sys; e=json.load(open(sys.argv[1]))['pages_per_s']; p=json.load(open(sys.argv[2]))['pages_per_s']; print(f'speed ratio entente/trafilatura: {e/p:.1f}x')" "$tmp/ent.json" "$tmp/py_time.json"
done
