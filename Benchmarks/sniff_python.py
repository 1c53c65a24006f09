#!/usr/bin/env python3
"""Reference for Benchmarks/sniff-throughput.sh: sniff each file's bytes with python-magic (libmagic).

    python3 Benchmarks/sniff_python.py FILE...

One process, one libmagic cookie, files in argument order; prints `PATH: MIME` per file, the same
shape as `file --mime-type`. Needs `pip install python-magic` (and libmagic1).
"""
import sys

import magic


def main(paths: list[str]) -> int:
    sniffer = magic.Magic(mime=True)
    lines = []
    for path in paths:
        with open(path, "rb") as f:
            data = f.read()
        lines.append(f"{path}: {sniffer.from_buffer(data)}")
    sys.stdout.write("\n".join(lines) + ("\n" if lines else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
