#!/usr/bin/env python3
"""Copy a tar stream from stdin to stdout, dropping members that match any --exclude glob.

Usage: tar-filter.py --exclude 'usr/lib/python3*/EXTERNALLY-MANAGED' [--exclude PAT ...] < in.tar > out.tar

Patterns are matched (fnmatch) against the member name with any leading "./" removed.
Used by up.sh to make image variants from one cached rootfs tarball without unpacking it.
"""

import fnmatch
import sys
import tarfile


def main(argv: list[str]) -> int:
    patterns: list[str] = []
    it = iter(argv)
    for arg in it:
        if arg == "--exclude":
            patterns.append(next(it))
        else:
            print(__doc__, file=sys.stderr)
            return 2
    patterns = [p[2:] if p.startswith("./") else p.lstrip("/") for p in patterns]
    dropped = 0
    with tarfile.open(fileobj=sys.stdin.buffer, mode="r|") as src, \
            tarfile.open(fileobj=sys.stdout.buffer, mode="w|", format=tarfile.PAX_FORMAT) as dst:
        for member in src:
            name = member.name[2:] if member.name.startswith("./") else member.name.lstrip("/")
            if any(fnmatch.fnmatchcase(name, p) for p in patterns):
                dropped += 1
                continue
            if member.isreg():
                dst.addfile(member, src.extractfile(member))
            else:
                dst.addfile(member)
    print(f"tar-filter: dropped {dropped} member(s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
