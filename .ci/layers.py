#!/usr/bin/env python3
"""The layers of each crate, checked: a module may import only from its own layer and the
layers below it. Exit status 1 with the offending imports listed.

    python3 .ci/layers.py

A file's layer is its first path component under src/ (`core/db.rs` is in `core`, `cli.rs` in
`cli`). Layers are listed bottom first; layers on one line share a level and may not import
each other; files in no listed layer are the top (assembly) and may import anything.
"""
import re
import sys
from pathlib import Path

CRATES = {
    "server/src": [
        ["core"],
        ["tenants"],
        ["routing"],
        ["photos"],
        ["reports"],
        ["auth"],
        ["triage", "ops", "equipment", "trees"],
        ["open311"],
    ],
    "app/src": [
        ["i18n"],
        ["model"],
        ["cookies"],
        ["port", "request", "context"],
        ["components"],
        ["report"],
        ["account"],
        ["triage", "equipment", "open311", "admin", "trees"],
        ["site"],
    ],
}

# Macros exported at the crate root, and the layer that defines them.
MACROS = {"stored_as_text": "model", "text_table": "i18n"}

PATH = re.compile(r"\bcrate::([A-Za-z_][A-Za-z0-9_]*)")
USE_GROUP = re.compile(r"\buse\s+crate::\{([^;]*)\};", re.S)


def imported_layers(text):
    """First path components after `crate::` (also inside `use crate::{a, b::c}` groups)."""
    found = set(PATH.findall(text))
    for group in USE_GROUP.findall(text):
        for item in re.split(r",(?![^{]*\})", group):
            head = item.strip().split("::")[0].strip("{} \n")
            if head:
                found.add(head)
    return {MACROS.get(name, name) for name in found}


def main():
    problems = []
    for src, levels in CRATES.items():
        level_of = {layer: i for i, names in enumerate(levels) for layer in names}
        for f in sorted(Path(src).rglob("*.rs")):
            rel = f.relative_to(src)
            own = rel.parts[0].removesuffix(".rs")
            if own not in level_of:
                continue
            for layer in sorted(imported_layers(f.read_text())):
                if layer == own:
                    continue
                if layer not in level_of:
                    problems.append(f"{f}: imports `crate::{layer}`, which is above every layer")
                elif level_of[layer] >= level_of[own]:
                    problems.append(
                        f"{f}: `{own}` imports `crate::{layer}`, which is not below it"
                    )
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("layers hold: every module imports only from below")


if __name__ == "__main__":
    main()
