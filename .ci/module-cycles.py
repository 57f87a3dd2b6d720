#!/usr/bin/env python3
"""Import cycles between the files of a Rust crate.

Reads every `use crate::…`, `use super::…` and inline `crate::a::b` path in a crate's src/,
resolves each to the file that defines the module, and prints every group of files that
import each other in a loop (strongly connected components), with the names that tie them.
Exit status 1 if there is a cycle, so a CI step can hold the line.

    python3 .ci/module-cycles.py server/src app/src
"""
import re
import sys
from pathlib import Path

USE = re.compile(r"\buse\s+((?:crate|super|self)(?:::[^;]*)?);", re.S)
INLINE = re.compile(r"\b((?:crate|super)(?:::[A-Za-z_][A-Za-z0-9_]*)+)")


def module_files(src: Path):
    """Map module path tuples (relative to the crate root) to files."""
    files = {}
    for f in src.rglob("*.rs"):
        rel = f.relative_to(src).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] in ("lib", "main") and len(parts) == 1:
            parts = []
        elif parts[-1] == "mod":
            parts = parts[:-1]
        files[tuple(parts)] = f
    return files


def expand(path: str):
    """`crate::{a, b::{c, d}}` -> ['crate::a', 'crate::b::c', 'crate::b::d']"""
    path = re.sub(r"\s+", "", path)
    m = re.match(r"^(.*?)::\{(.*)\}$", path)
    if not m:
        return [re.sub(r"\bas\b.*$", "", path)]
    head, body = m.groups()
    items, depth, cur = [], 0, ""
    for ch in body:
        if ch == "," and depth == 0:
            items.append(cur); cur = ""; continue
        depth += ch == "{"; depth -= ch == "}"
        cur += ch
    items.append(cur)
    out = []
    for it in filter(None, items):
        out += expand(f"{head}::{it}" if it != "self" else head)
    return out


def resolve(mod_of_file, segs, files):
    """Resolve crate/super path segments to the deepest module file that exists."""
    base = list(mod_of_file)
    rest = list(segs)
    if rest[0] == "crate":
        base, rest = [], rest[1:]
    else:
        while rest and rest[0] in ("super", "self"):
            if rest[0] == "super" and base:
                base = base[:-1]
            rest = rest[1:]
    parts = base + rest
    for n in range(len(parts), -1, -1):
        if tuple(parts[:n]) in files:
            name = parts[n] if n < len(parts) else (parts[-1] if parts else "")
            return tuple(parts[:n]), name
    return None, None


def graph(src: Path):
    files = module_files(src)
    file_mod = {f: m for m, f in files.items()}
    edges = {}
    for f, mod in file_mod.items():
        text = re.sub(r"//[^\n]*", "", f.read_text(encoding="utf-8", errors="replace"))
        # inline test modules (`#[cfg(test)] mod tests { use super::*; }`) import their own file
        text = text.split("#[cfg(test)]", 1)[0]
        # a file's own `mod.rs` children are `self::`; `super` in a non-mod file means the parent
        own = mod if f.name == "mod.rs" or f.name in ("lib.rs", "main.rs") else mod[:-1]
        paths = []
        for m in USE.finditer(text):
            paths += expand(m.group(1))
        paths += INLINE.findall(text)
        for p in paths:
            segs = [s for s in p.split("::") if s and s != "*"]
            if not segs:
                continue
            if segs[0] == "super" and f.name not in ("mod.rs",):
                # `super` of a leaf file `a/b.rs` is module a
                target, name = resolve(own, segs, files)
            else:
                target, name = resolve(mod if f.name == "mod.rs" else own if segs[0] != "crate" else (), segs, files)
            if target is None or files.get(target) == f:
                continue
            tf = files[target]
            # importing one's own ancestor module file only for its children is not a tie
            edges.setdefault(f, {}).setdefault(tf, set()).add(name)
    return files, edges


def sccs(nodes, edges):
    index, low, stack, on, out, i = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = i[0]; i[0] += 1; stack.append(v); on.add(v)
        for w in edges.get(v, {}):
            if w not in index:
                visit(w); low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop(); on.discard(w); comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(comp)

    sys.setrecursionlimit(10000)
    for v in nodes:
        if v not in index:
            visit(v)
    return out


def main(args):
    if not args:
        print(__doc__.strip()); return 2
    found = 0
    for d in args:
        src = Path(d)
        files, edges = graph(src)
        for comp in sccs(list(files.values()), edges):
            comp_set = set(comp)
            found += 1
            print(f"cycle of {len(comp)} files in {src}:")
            for a in sorted(comp):
                for b, names in sorted(edges.get(a, {}).items()):
                    if b in comp_set:
                        print(f"  {a} -> {b}: {', '.join(sorted(n for n in names if n))}")
    if not found:
        print("no import cycles between files")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
