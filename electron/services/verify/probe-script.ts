/**
 * What runs inside the image, the way Elyra starts it: `sh -c <script>` with the image's CMD and
 * ENTRYPOINT replaced. The shell part needs nothing but sh, so it still reports (curl, the working
 * dir, a missing python3) on a broken image. Every answer is a `rib:<key>=<value>` line; the
 * Python part prints one JSON object as `rib:python=<json>`.
 *
 * The Python program arrives in an environment variable, so no quoting of it is needed in sh.
 */
export const PROBE_PYTHON_ENV = 'RIB_PROBE_PY';
/** JSON list of the pins to look up: [{"name","version"}]. */
export const PROBE_PINS_ENV = 'RIB_PROBE_PINS';
/** "1" to ask pip (with the network the container has) whether the missing pins would install. */
export const PROBE_DRY_RUN_ENV = 'RIB_PROBE_PIN_DRY_RUN';
/** How many distributions, largest first, the probe reports. */
export const PROBE_DISTRIBUTION_LIMIT = 25;

export const PROBE_SHELL = [
  'echo "rib:begin"',
  'echo "rib:sh=$(command -v sh)"',
  'echo "rib:curl=$(command -v curl 2>/dev/null)"',
  // The bootstrapper unpacks the node's files with tar -zxvf.
  'echo "rib:tar=$(command -v tar 2>/dev/null)"',
  'echo "rib:python3=$(command -v python3 2>/dev/null)"',
  'echo "rib:workdir=$(pwd)"',
  'echo "rib:user=$(id -u 2>/dev/null)"',
  // Elyra's bootstrapper downloads its files into the working directory.
  'if ( : > ./.rib-write-test ) 2>/dev/null; then rm -f ./.rib-write-test; echo "rib:workdir-writable=yes"; else echo "rib:workdir-writable=no"; fi',
  `if command -v python3 >/dev/null 2>&1; then python3 -c "$${PROBE_PYTHON_ENV}"; echo "rib:python-exit=$?"; fi`,
  'echo "rib:end"',
].join('\n');

// Python 3.6+ syntax (so an old python3 still reports its version); importlib.metadata needs 3.8.
export const PROBE_PYTHON = String.raw`
import json, os, subprocess, sys, sysconfig
out = {"version": "%d.%d.%d" % tuple(sys.version_info[:3]), "executable": sys.executable}
out["inVenv"] = getattr(sys, "base_prefix", sys.prefix) != sys.prefix
stdlib = sysconfig.get_paths().get("stdlib") or ""
out["markerPath"] = os.path.join(stdlib, "EXTERNALLY-MANAGED")
out["externallyManaged"] = os.path.isfile(out["markerPath"])
out["breakSystemPackages"] = os.environ.get("PIP_BREAK_SYSTEM_PACKAGES", "")
env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1")

def run(args, timeout=120):
    try:
        p = subprocess.run([sys.executable, "-m", "pip"] + args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, timeout=timeout)
        return {"exit": p.returncode, "lines": p.stdout.decode("utf-8", "replace").splitlines()[-40:]}
    except Exception as e:
        return {"exit": -1, "lines": [repr(e)]}

def tree_size(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                pass
    return total

out["pip"] = run(["--version"])
if out["pip"]["exit"] == 0:
    # Ask pip itself whether it would install into this python: it refuses an externally managed
    # one (PEP 668) before looking for the package, unless told otherwise (env, pip.conf, venv).
    probe = run(["install", "--dry-run", "--no-index", "--no-deps", "rib-probe-no-such-package"])
    out["pipInstallBlocked"] = any("externally-managed-environment" in l for l in probe["lines"])
    out["pipInstallLines"] = probe["lines"][-12:]
    out["pipCheck"] = run(["check"])
pins = json.loads(os.environ.get("${PROBE_PINS_ENV}") or "[]")
try:
    import importlib.metadata as md
except ImportError:
    md = None
out["metadata"] = md is not None
try:
    from pip._vendor.packaging.requirements import Requirement
except Exception:
    Requirement = None

def needs(d):
    # What a distribution needs, extras left out: the recipe keeps a heavy package with these.
    names = []
    for line in (d.requires or []):
        try:
            if Requirement is not None:
                req = Requirement(line)
                if req.marker is not None and not req.marker.evaluate({"extra": ""}):
                    continue
                names.append(req.name)
            elif "extra ==" not in line:
                names.append(line.split(";")[0].strip().split(" ")[0].split("[")[0].rstrip("<>=!~("))
        except Exception:
            pass
    return sorted(set(n.lower().replace("_", "-").replace(".", "-") for n in names if n))

installed = {}
dists = []
if md is not None:
    for pin in pins:
        try:
            installed[pin["name"]] = md.version(pin["name"])
        except Exception:
            installed[pin["name"]] = None
    seen = set()
    for d in md.distributions():
        try:
            name = d.metadata["Name"]
        except Exception:
            name = None
        if not name:
            continue
        key = name.lower().replace("_", "-").replace(".", "-")
        if key in seen:
            continue
        seen.add(key)
        size = 0
        for f in (d.files or []):
            try:
                size += os.stat(str(d.locate_file(f))).st_size
            except OSError:
                size += f.size or 0
        if size == 0:
            # No RECORD, or an empty one (distro packages): measure its top-level packages instead.
            site = str(d.locate_file(""))
            for top in (d.read_text("top_level.txt") or "").split():
                size += tree_size(os.path.join(site, top)) + tree_size(os.path.join(site, top + ".py"))
        dists.append({"name": name, "version": d.version or "", "sizeBytes": size, "requires": needs(d)})
out["pins"] = installed
dists.sort(key=lambda x: -x["sizeBytes"])
out["distributionCount"] = len(dists)
# Every distribution at its exact version, as pip freeze pins it (without pip's own tools): the image's lock.
tools = {"pip", "setuptools", "wheel", "distribute"}
out["installed"] = sorted((d["name"] + "==" + d["version"] for d in dists if d["version"] and d["name"].lower() not in tools), key=str.lower)
# Every distribution with its size and what it needs: the next build's layers follow it.
out["graph"] = dists
out["distributions"] = [{"name": d["name"], "version": d["version"], "sizeBytes": d["sizeBytes"]} for d in dists[:${PROBE_DISTRIBUTION_LIMIT}]]
if out["pip"]["exit"] == 0:
    # What Elyra's bootstrapper reads at each node start: pip freeze's stdout, every line.
    try:
        p = subprocess.run([sys.executable, "-m", "pip", "freeze"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, timeout=120)
        out["freeze"] = {"exit": p.returncode, "lines": p.stdout.decode("utf-8", "replace").splitlines()}
    except Exception as e:
        out["freeze"] = {"exit": -1, "lines": [], "error": repr(e)}
if os.environ.get("${PROBE_DRY_RUN_ENV}") == "1" and out["pip"]["exit"] == 0:
    # What the bootstrapper would pass to pip install: pins missing under their exact freeze
    # name, or older (PEP 440, with pip's own copy of packaging).
    try:
        from pip._vendor.packaging.version import Version, InvalidVersion
    except Exception:
        Version, InvalidVersion = None, Exception
    current = {}
    for line in out.get("freeze", {}).get("lines", []):
        if line.startswith("#"):
            continue
        for sep in (" @ ", "===", "=="):
            if sep in line:
                current[line.split(sep)[0]] = line.split(sep)[1]
                break
        else:
            if line.startswith("-e ") or line.startswith("--editable "):
                name = line.replace("-e ", "").replace("--editable ", "")
                name = name.split("=")[-1] if "#egg=" in name else (os.path.basename(name) if "/" in name else name)
                current[name] = None
    wanted = []
    for pin in pins:
        have = current.get(pin["name"], "")
        if pin["name"] not in current:
            wanted.append(pin["name"] + "==" + pin["version"])
        elif have is not None and Version is not None:
            try:
                if Version(pin["version"]) > Version(have):
                    wanted.append(pin["name"] + "==" + pin["version"])
            except InvalidVersion:
                pass
    out["pinDryRun"] = run(["install", "--dry-run", "--quiet"] + wanted, 300) if wanted else {"exit": 0, "lines": []}
# The kernel papermill would pick: the bootstrapper asks jupyter_client's KernelSpecManager for
# the notebook's kernel (python3), then for any kernel of the same language.
kernel = {"specs": {}, "error": None, "ipykernel": None}
try:
    from jupyter_client.kernelspec import KernelSpecManager
    kernel["specs"] = dict(KernelSpecManager().find_kernel_specs())
except Exception as e:
    kernel["error"] = "%s: %s" % (type(e).__name__, e)
try:
    import ipykernel
    kernel["ipykernel"] = getattr(ipykernel, "__version__", "")
except Exception:
    pass
out["kernel"] = kernel
print("rib:python=" + json.dumps(out))
`;

/**
 * Run as an arbitrary non-root uid with group 0, as OpenShift runs pods: can it write to the
 * working directory and /tmp, where the bootstrapper downloads and unpacks the node's files?
 */
export const ARBITRARY_USER = '1000720000:0';
export const ARBITRARY_USER_SHELL = [
  'echo "rib:begin"',
  'echo "rib:user=$(id -u 2>/dev/null):$(id -g 2>/dev/null)"',
  'echo "rib:workdir=$(pwd)"',
  'if ( : > ./.rib-write-test ) 2>/dev/null; then rm -f ./.rib-write-test; echo "rib:workdir-writable=yes"; else echo "rib:workdir-writable=no"; fi',
  'if ( : > /tmp/.rib-write-test ) 2>/dev/null; then rm -f /tmp/.rib-write-test; echo "rib:tmp-writable=yes"; else echo "rib:tmp-writable=no"; fi',
  'echo "rib:end"',
].join('\n');
