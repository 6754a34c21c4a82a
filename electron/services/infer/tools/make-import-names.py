#!/usr/bin/env python3
"""
Writes import-names.json: for the most downloaded PyPI distributions, the top-level modules
each one installs, turned round into import name -> distributions.

Input: the `mapping.db` SQLite file of github.com/Wided123-456-789/pyimport2pkg
(src/pyimport2pkg/data/mapping.db, commit 2a36073, built 2025-12-06 from the wheels of the
top 15,000 distributions of https://hugovk.github.io/top-pypi-packages/, 30-day downloads).
Only facts are read from it: which distribution ships which top-level module, and its downloads.

    python3 make-import-names.py mapping.db > ../import-names.json
"""

import json
import re
import sqlite3
import sys

TOP = 5000  # distributions, by downloads
ALTERNATIVE_SHARE = 0.005  # another distribution counts when it has this share of the first one's downloads
MAX_ALTERNATIVES = 4

# Names a project's own folders use (and that some wheels leak at the top level): never a
# distribution guess, so a missing local helper is not taken for somebody's package.
GENERIC = set(
    """
    agents api app apps bench benchmark benchmarks bin bits build client cli common conf config core data
    dataset demo demos doc docs example examples exchange fixtures helper helpers include integration internet
    lib libs license licenses main meta model models notebooks public resources sample samples schemas script
    scripts server service setup shell site source src templates test testing tests timer tool tools typings
    util utils version versioneer wheels workflows colors validate requirements storages plugins
    exceptions web recipes plugin office es org com v2 inference swagger labextensions runtime_client
    client_backend build_backend build_utils session_concurrency find_dependencies display_nb mypy_stub
    """.split()
)
# Builds that are never the one to recommend.
NOT_RECOMMENDED = re.compile(r"(nightly|-dev$|-snapshot$)")
# Type stubs ship `<name>-stubs` or mirror a module for type checkers only: never what runs.
STUBS = re.compile(r"(^types-|-stubs(-|$)|^mypy-boto3-|^boto3-stubs)")
# Alternatives to a distribution published under the import name itself must matter more
# than a fork's or a vendored copy's downloads do.
SAME_NAME_ALTERNATIVE_SHARE = 0.05


def normalize(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def related(module, dist):
    """Whether the names share a stem: `win32api`/`pywin32`, `dateutil`/`python-dateutil`."""
    strip = lambda name: re.sub(r"^(python|py|django|flask)", "", re.sub(r"[-_.]", "", name.lower()))
    a, b = strip(module), strip(dist)
    return len(a) >= 3 and len(b) >= 3 and (a[:3] == b[:3] or a in b or b in a)


# Modules a many-module distribution ships under a name unrelated to its own that code really
# imports; other such modules are leftovers (vendored copies, build helpers, data folders).
UNRELATED_BUT_REAL = {
    "pylab", "mpl_toolkits", "bson", "gridfs", "past", "libfuturize", "libpasteurize", "pythoncom",
    "pywintypes", "servicemanager", "isapi", "adodbapi", "functorch", "torchgen", "blib2to3", "isympy",
    "ipykernel_launcher", "objc", "pyVim", "skbase", "rest_framework_extensions", "sassutils", "AppKit", "Foundation", "Cocoa", "CoreFoundation", "Quartz",
}


def skip_module(module, stdlib):
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", module):
        return True
    if module in stdlib or module.lower() in GENERIC:
        return True
    if module.isupper() and len(module) > 3:  # COPYING, NOTICE, DUMMY: files, not modules
        return True
    return bool(re.search(r"(^|_)tests?($|_)", module))


def main(path):
    db = sqlite3.connect(path)
    downloads = dict(db.execute("select package_name, download_count from packages"))
    ranked = sorted(downloads, key=lambda name: -downloads[name])
    rank = {name: i + 1 for i, name in enumerate(ranked)}
    shipped, modules_of = {}, {}
    for module, dist in db.execute("select module_name, package_name from mappings"):
        shipped.setdefault(module, []).append(dist)
        modules_of.setdefault(dist, set()).add(module)
    stdlib = set(sys.stdlib_module_names) | {"distutils", "imp", "asynchat", "asyncore", "smtpd"}

    differing, same = [], []
    for module in sorted(shipped, key=str.lower):
        if skip_module(module, stdlib):
            continue
        all_dists = shipped[module]
        # A namespace shared by many distributions (google, azure, zope) needs the dotted path.
        if len(all_dists) >= 5:
            continue
        dists = sorted((d for d in all_dists if rank[d] <= TOP and not STUBS.search(d)), key=lambda d: -downloads[d])
        if not dists:
            continue
        preferred = [d for d in dists if not NOT_RECOMMENDED.search(d)] or dists
        first = preferred[0]
        if len(modules_of[first]) >= 4 and not related(module, first) and module not in UNRELATED_BUT_REAL:
            continue
        share = SAME_NAME_ALTERNATIVE_SHARE if normalize(first) == normalize(module) else ALTERNATIVE_SHARE
        others = [
            d for d in dists
            if d != first and not NOT_RECOMMENDED.search(d) and downloads[d] >= share * downloads[first]
        ][:MAX_ALTERNATIVES]
        if normalize(first) == normalize(module) and not others:
            same.append(module)
            continue
        differing.append([module, first, *others])

    header = {
        "source": "Top-level modules of the wheels of the most downloaded PyPI distributions, read from "
        "github.com/Wided123-456-789/pyimport2pkg src/pyimport2pkg/data/mapping.db (commit 2a36073, "
        "built 2025-12-06 from https://hugovk.github.io/top-pypi-packages/ 30-day downloads).",
        "date": "2025-12-06",
        "distributions": TOP,
        "generator": "electron/services/infer/tools/make-import-names.py",
    }
    # One row a line, so a refresh reads as a diff of names.
    out = sys.stdout
    out.write("{\n")
    for key, value in header.items():
        out.write(f"  {json.dumps(key)}: {json.dumps(value)},\n")
    out.write('  "differing": [\n')
    out.write(",\n".join("    " + json.dumps(row) for row in differing))
    out.write('\n  ],\n  "sameName": [\n')
    out.write(",\n".join("    " + json.dumps(same[i : i + 8])[1:-1] for i in range(0, len(same), 8)))
    out.write("\n  ]\n}\n")


if __name__ == "__main__":
    main(sys.argv[1])
