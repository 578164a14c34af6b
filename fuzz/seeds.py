#!/usr/bin/env python3
"""Seed inputs for the fuzz targets, cut from real reports (called by run.sh).

    seeds.py split OUTDIR MAXLEN FILE...   reports -> small self-contained pieces
    seeds.py links OUTDIR FILE...          each file -> its `#z=` share link (FILE.link)

libFuzzer mutates best at a few KB, and inputs over -max_len are cut, which would leave only
the header of every report. So each report becomes several seeds that each start with its own
title line (the parsers refuse anything else): the header block, every `## ` section (big
sections again by `### `), and a skeleton of all headings and finding title lines.
"""
import base64
import os
import re
import sys
import zlib

FINDING = re.compile(r"^(~~)?([CISD]?\d+\. \*\*|\*\*\[|\*\*[CISD]\d+\. )")


def cut(text, maxlen):
    """At most maxlen UTF-8 bytes, ending at a line break when there is one."""
    data = text.encode()
    if len(data) <= maxlen:
        return text
    head = data[:maxlen].decode(errors="ignore")
    nl = head.rfind("\n")
    return head[: nl + 1] if nl > 0 else head


def split_at(lines, is_heading):
    """Lines before the first heading, then one list per heading."""
    parts, cur = [], []
    for line in lines:
        if is_heading(line) and cur:
            parts.append(cur)
            cur = []
        cur.append(line)
    parts.append(cur)
    return parts


def rendered_heading(lines, i):
    """A short line on its own between blank lines (the rendered page's headings)."""
    line = lines[i].strip()
    before = i == 0 or not lines[i - 1].strip()
    after = i + 1 >= len(lines) or not lines[i + 1].strip()
    return before and after and 0 < len(line) < 60 and line[-1] not in ".:;,"


def pieces(text, rendered, maxlen):
    lines = text.splitlines(keepends=True)
    if not lines:
        return []
    title = lines[0]
    if rendered:
        heads = {i for i in range(len(lines)) if rendered_heading(lines, i)}
        sections, cur = [], []
        for i, line in enumerate(lines):
            if i in heads and cur:
                sections.append(cur)
                cur = []
            cur.append(line)
        sections.append(cur)
        prelude, rest = sections[0], sections[1:]
        out = ["".join(prelude)]
        # Rendered sections are short: group them into pieces of about maxlen.
        chunk = title + "\n"
        for sec in rest:
            body = "".join(sec)
            if len((chunk + body).encode()) > maxlen and chunk != title + "\n":
                out.append(chunk)
                chunk = title + "\n"
            chunk += body
        out.append(chunk)
        return [cut(p, maxlen) for p in out]

    parts = split_at(lines, lambda l: l.startswith("## "))
    out = ["".join(parts[0])]
    skeleton = list(parts[0])
    for sec in parts[1:]:
        skeleton += [l for l in sec if l.startswith("#") or FINDING.match(l)]
        body = "".join(sec)
        if len(body.encode()) + len(title) <= maxlen:
            out.append(title + "\n" + body)
            continue
        h2 = sec[0]
        for sub in split_at(sec[1:], lambda l: l.startswith("### ")):
            out.append(title + "\n" + h2 + "\n" + "".join(sub))
    out.append("".join(skeleton))
    return [cut(p, maxlen) for p in out if p.strip()]


def main():
    mode, outdir = sys.argv[1], sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    if mode == "split":
        maxlen = int(sys.argv[3])
        for path in sys.argv[4:]:
            text = open(path, encoding="utf-8", errors="replace").read()
            base, ext = os.path.splitext(os.path.basename(path))
            for n, piece in enumerate(pieces(text, ext == ".txt", maxlen)):
                with open(os.path.join(outdir, f"seed-{base}-{n:02}{ext}"), "w") as f:
                    f.write(piece)
    elif mode == "links":
        for path in sys.argv[3:]:
            data = open(path, "rb").read()
            link = base64.urlsafe_b64encode(zlib.compress(data, 9)).decode().rstrip("=")
            with open(os.path.join(outdir, os.path.basename(path) + ".link"), "w") as f:
                f.write("#z=" + link)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
