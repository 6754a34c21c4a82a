#!/usr/bin/env python3
"""Build a small local PEP 503 package index of pure-Python wheels for the tests.

Usage: make-wheels.py OUT_DIR [--force]

Writes OUT_DIR/packages/*.whl, OUT_DIR/simple/index.html and
OUT_DIR/simple/<normalized-name>/index.html (links ../../packages/<file>#sha256=...).

Standard library only. The output is byte-for-byte deterministic (fixed zip timestamps,
sorted entries, seeded random data), and the whole run is skipped when OUT_DIR/.stamp
matches the hash of this script (delete the stamp or pass --force to rebuild).

ribdemo-framework stands in for a framework (torch, tensorflow): RIB_FRAMEWORK_MB megabytes of
random data (300 by default), which no compression can shrink. Its wheel is built once and kept in
RIB_WHEEL_CACHE (default OUT_DIR/../cache/wheels), so rebuilding the index stays fast.
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
import random
import re
import shutil
import sys
import zipfile
from dataclasses import dataclass, field

# Elyra main's etc/generic/requirements-elyra.txt, plus `packaging`, which Elyra's bootstrapper
# installs at run time. Names are given as the project spells them.
ELYRA_PINS = [
    ("ipykernel", "6.31.0"),
    ("ipython", "8.12.3"),
    ("ipython-genutils", "0.2.0"),
    ("jinja2", "3.1.6"),
    ("jupyter-client", "8.9.1"),
    ("jupyter-core", "5.8.1"),
    ("MarkupSafe", "2.1.1"),
    ("minio", "7.1.15"),
    ("nbclient", "0.6.3"),
    ("nbconvert", "7.17.1"),
    ("nbformat", "5.10.4"),
    ("papermill", "2.6.0"),
    ("pyzmq", "26.4.0"),
    ("prompt-toolkit", "3.0.43"),
    ("requests", "2.33.0"),
    ("tornado", "6.5.7"),
    ("traitlets", "5.10.0"),
    ("urllib3", "2.7.0"),
    ("packaging", "24.2"),
]

# Real import names that differ from the normalized project name; the stand-in installs both.
EXTRA_IMPORT_NAMES = {"pyzmq": ["zmq"], "ipython": ["IPython"]}

BIG_SIZE = 20 * 1024 * 1024  # incompressible bytes in ribdemo-big
HEAVY_SIZE = 60 * 1000 * 1000  # ribdemo-heavy: over the app's 50 MB threshold for a layer of its own
FRAMEWORK_SIZE = int(os.environ.get("RIB_FRAMEWORK_MB", "300")) * 1000 * 1000
# Wheels this large are copied from the cache when their recipe has not changed.
CACHED_FROM = 50 * 1000 * 1000
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


@dataclass
class Dist:
    name: str
    version: str
    summary: str
    requires: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    modules: list[str] = field(default_factory=list)
    blob: int = 0  # size of random payload, 0 for none
    # The wheel's compatibility tag: a CPython-only tag stands for an old release without wheels for
    # today's Pythons (the index lists it; pip on another Python would not take it).
    tag: str = "py3-none-any"


def normalize(name: str) -> str:
    """PEP 503 normalized name."""
    return re.sub(r"[-_.]+", "-", name).lower()


def escaped(name: str) -> str:
    """Wheel file-name / dist-info form of a name (PEP 427 + PEP 503)."""
    return re.sub(r"[-_.]+", "_", name).lower()


def record_hash(data: bytes) -> str:
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def all_dists() -> list[Dist]:
    dists: list[Dist] = []
    for name, version in ELYRA_PINS:
        module = normalize(name).replace("-", "_")
        dists.append(
            Dist(
                name,
                version,
                f"Test stand-in for {name} {version} (not the real package)",
                modules=[module] + EXTRA_IMPORT_NAMES.get(normalize(name), []),
            )
        )
    for version in ("1.0.0", "1.1.0", "2.0.0"):
        dists.append(Dist("ribdemo-alpha", version, "Demo package alpha", modules=["ribdemo_alpha"]))
    dists.append(
        Dist("ribdemo-beta", "1.0.0", "Demo package beta (needs alpha<2)",
             requires=["ribdemo-alpha<2"], modules=["ribdemo_beta"])
    )
    dists.append(
        Dist("ribdemo-gamma", "0.1.0", "Demo package gamma with an extra [fast]",
             requires=['ribdemo-alpha; extra == "fast"'], extras=["fast"], modules=["ribdemo_gamma"])
    )
    dists.append(
        Dist("ribdemo-big", "1.0.0", "Demo package with ~20 MB of random data",
             modules=["ribdemo_big"], blob=BIG_SIZE)
    )
    # Heavy packages for the layering tests and the bench, each needing a small package of its own.
    dists.append(Dist("ribdemo-heavy-runtime", "1.0.0", "Demo package: what ribdemo-heavy needs", modules=["ribdemo_heavy_runtime"]))
    for version in ("1.0.0", "1.1.0"):
        dists.append(Dist("ribdemo-heavy", version, "Demo package with 60 MB of random data",
                          requires=["ribdemo-heavy-runtime>=1"], modules=["ribdemo_heavy"], blob=HEAVY_SIZE))
    dists.append(Dist("ribdemo-framework-core", "1.0.0", "Demo package: what ribdemo-framework needs", modules=["ribdemo_framework_core"]))
    dists.append(Dist("ribdemo-framework", "1.0.0", "Demo package standing in for a framework (random data)",
                      requires=["ribdemo-framework-core>=1"], modules=["ribdemo_framework"], blob=FRAMEWORK_SIZE))
    # Small packages a user adds one at a time.
    for letter in ("delta", "epsilon", "zeta"):
        dists.append(Dist(f"ribdemo-{letter}", "1.0.0", f"Demo package {letter}", modules=[f"ribdemo_{letter}"]))
    dists.append(
        Dist("ribdemo-broken", "1.0.0", "Demo package whose dependency is not on the index",
             requires=["ribdemo-missing>=1"], modules=["ribdemo_broken"])
    )
    # An old release with wheels for CPython 3.9 and 3.10 only, and a newer one for any Python 3.
    for tag in ("cp39-cp39-manylinux_2_17_x86_64", "cp310-cp310-manylinux_2_17_x86_64"):
        dists.append(Dist("ribdemo-legacy", "1.0.0", "Demo package: an old release", modules=["ribdemo_legacy"], tag=tag))
    dists.append(Dist("ribdemo-legacy", "2.0.0", "Demo package: a current release", modules=["ribdemo_legacy"]))
    # A release and a newer pre-release: pip takes the pre-release only when told --pre.
    for version in ("1.0.0", "2.0.0rc1"):
        dists.append(Dist("ribdemo-pre", version, "Demo package with a pre-release", modules=["ribdemo_pre"]))
    return dists


def build_wheel(dist: Dist, out_dir: str, cache_dir: str | None = None) -> str:
    if cache_dir is not None and dist.blob >= CACHED_FROM:
        # Keyed by what makes the bytes: this function's inputs, and the wheel layout's version below.
        key = hashlib.sha256(repr((dist, WHEEL_LAYOUT)).encode()).hexdigest()[:16]
        cached = os.path.join(cache_dir, f"{key}-{escaped(dist.name)}-{dist.version}-{dist.tag}.whl")
        if not os.path.exists(cached):
            os.makedirs(cache_dir, exist_ok=True)
            tmp_dir = cached + ".d"
            shutil.rmtree(tmp_dir, ignore_errors=True)
            os.makedirs(tmp_dir)
            built = build_wheel(dist, tmp_dir)
            os.replace(os.path.join(tmp_dir, built), cached)
            shutil.rmtree(tmp_dir, ignore_errors=True)
        filename = f"{escaped(dist.name)}-{dist.version}-{dist.tag}.whl"
        target = os.path.join(out_dir, filename)
        try:
            os.link(cached, target)
        except OSError:
            shutil.copyfile(cached, target)
        return filename
    stem = f"{escaped(dist.name)}-{dist.version}"
    filename = f"{stem}-{dist.tag}.whl"
    dist_info = f"{stem}.dist-info"

    files: list[tuple[str, bytes, int]] = []  # (arcname, data, compress_type)
    for module in dist.modules:
        init = (
            f'"""Test stand-in: {dist.name} {dist.version}."""\n'
            f'__version__ = "{dist.version}"\n'
            f'__rib_test_stand_in__ = True\n'
        )
        files.append((f"{module}/__init__.py", init.encode(), zipfile.ZIP_DEFLATED))
    if dist.blob:
        rng = random.Random(f"{dist.name}-{dist.version}")
        # In pieces: one randbytes call takes at most 2**31 bits.
        chunks = [rng.randbytes(min(1 << 24, dist.blob - at)) for at in range(0, dist.blob, 1 << 24)]
        files.append((f"{dist.modules[0]}/blob.bin", b"".join(chunks), zipfile.ZIP_STORED))

    meta = [
        "Metadata-Version: 2.1",
        f"Name: {dist.name}",
        f"Version: {dist.version}",
        f"Summary: {dist.summary}",
        "License: Apache-2.0",
        "Requires-Python: >=3.8",
    ]
    meta += [f"Provides-Extra: {extra}" for extra in dist.extras]
    meta += [f"Requires-Dist: {req}" for req in dist.requires]
    files.append((f"{dist_info}/METADATA", ("\n".join(meta) + "\n\n").encode(), zipfile.ZIP_DEFLATED))
    wheel = f"Wheel-Version: 1.0\nGenerator: rib-make-wheels (1.0)\nRoot-Is-Purelib: true\nTag: {dist.tag}\n\n"
    files.append((f"{dist_info}/WHEEL", wheel.encode(), zipfile.ZIP_DEFLATED))
    files.append((f"{dist_info}/top_level.txt", "".join(m + "\n" for m in dist.modules).encode(),
                  zipfile.ZIP_DEFLATED))

    record_lines = [f"{arc},{record_hash(data)},{len(data)}" for arc, data, _ in files]
    record_lines.append(f"{dist_info}/RECORD,,")
    files.append((f"{dist_info}/RECORD", ("\n".join(record_lines) + "\n").encode(), zipfile.ZIP_DEFLATED))

    path = os.path.join(out_dir, filename)
    tmp = path + ".tmp"
    with zipfile.ZipFile(tmp, "w") as zf:
        for arc, data, compress in files:  # dist-info last, RECORD last of all, as the spec advises
            info = zipfile.ZipInfo(arc, date_time=ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = compress
            zf.writestr(info, data)
    os.replace(tmp, path)
    return filename


# Bump when build_wheel writes different bytes for the same Dist: cached wheels are then made again.
WHEEL_LAYOUT = 1


def file_sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def write(path: str, text: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def page(title: str, links: list[tuple[str, str]]) -> str:
    body = "\n".join(f'    <a href="{html.escape(href)}">{html.escape(text)}</a><br/>' for href, text in links)
    return (
        "<!DOCTYPE html>\n<html>\n  <head>\n"
        '    <meta name="pypi:repository-version" content="1.0">\n'
        f"    <title>{html.escape(title)}</title>\n  </head>\n  <body>\n"
        f"    <h1>{html.escape(title)}</h1>\n{body}\n  </body>\n</html>\n"
    )


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    out = os.path.abspath(args[0])
    force = "--force" in argv

    with open(os.path.abspath(__file__), "rb") as f:
        script_hash = hashlib.sha256(f.read() + str(FRAMEWORK_SIZE).encode()).hexdigest()
    cache_dir = os.environ.get("RIB_WHEEL_CACHE") or os.path.join(os.path.dirname(out), "cache", "wheels")
    stamp = os.path.join(out, ".stamp")
    if not force and os.path.exists(stamp):
        with open(stamp, encoding="utf-8") as f:
            if f.read().strip() == script_hash:
                print(f"index up to date in {out}")
                return 0

    # Rebuild from scratch in a sibling directory, then swap it in, so a killed run never leaves a
    # half-written index that a later run would take as complete.
    tmp_out = out + ".building"
    shutil.rmtree(tmp_out, ignore_errors=True)
    packages = os.path.join(tmp_out, "packages")
    os.makedirs(packages)

    by_project: dict[str, list[str]] = {}
    for dist in all_dists():
        filename = build_wheel(dist, packages, cache_dir)
        by_project.setdefault(normalize(dist.name), []).append(filename)

    projects = sorted(by_project)
    write(os.path.join(tmp_out, "simple", "index.html"),
          page("Simple index", [(f"{p}/", p) for p in projects]))
    for project in projects:
        links = []
        for filename in sorted(by_project[project]):
            digest = file_sha256(os.path.join(packages, filename))
            links.append((f"../../packages/{filename}#sha256={digest}", filename))
        write(os.path.join(tmp_out, "simple", project, "index.html"), page(f"Links for {project}", links))
    write(os.path.join(tmp_out, ".stamp"), script_hash + "\n")

    # Swap. The http.server serves the directory by path, so replace contents in place rather than
    # the directory itself (a running server keeps its cwd inode otherwise).
    os.makedirs(out, exist_ok=True)
    for entry in os.listdir(out):
        target = os.path.join(out, entry)
        if os.path.isdir(target) and not os.path.islink(target):
            shutil.rmtree(target)
        else:
            os.unlink(target)
    for entry in ("packages", "simple", ".stamp"):
        os.replace(os.path.join(tmp_out, entry), os.path.join(out, entry))
    shutil.rmtree(tmp_out, ignore_errors=True)
    count = sum(len(v) for v in by_project.values())
    print(f"built {count} wheels for {len(projects)} projects in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
