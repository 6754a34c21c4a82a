/**
 * What the import check runs inside the image: each module imported in turn, in one Python, each
 * answer printed on its own `rib:import=<json>` line as soon as it is known. A module that kills
 * the interpreter (a crash in native code) leaves a `rib:start` line without its answer, which
 * names the culprit; the check then goes on in a new container with the modules after it.
 *
 * The program and the list come in environment variables: no quoting in sh, nothing written into
 * the image.
 */
export const IMPORT_PROGRAM_ENV = 'RIB_TRY_IMPORT_PY';
/** JSON list of dotted module names. */
export const IMPORT_MODULES_ENV = 'RIB_TRY_MODULES';
/** Seconds one import may take (Python code only: a hang in native code is ended by the container's limit). */
export const IMPORT_SECONDS_ENV = 'RIB_TRY_IMPORT_SECONDS';

export const IMPORT_SHELL = `if command -v python3 >/dev/null 2>&1; then exec python3 -c "$${IMPORT_PROGRAM_ENV}"; else echo "rib:no-python3"; exit 127; fi`;

// Python 3.6+ syntax so an old python3 still answers; packages_distributions needs 3.10 (else none).
export const IMPORT_PROGRAM = String.raw`
import importlib, json, os, signal, sys, time
print("rib:python=%d.%d.%d" % tuple(sys.version_info[:3]), flush=True)
modules = json.loads(os.environ.get("${IMPORT_MODULES_ENV}") or "[]")
limit = int(os.environ.get("${IMPORT_SECONDS_ENV}") or "120")
try:
    from importlib.metadata import packages_distributions
except ImportError:
    packages_distributions = None

class TooSlow(BaseException):
    pass

def too_slow(signum, frame):
    raise TooSlow()

signal.signal(signal.SIGALRM, too_slow)

def chain(error):
    # ImportError raised from an OSError (ctypes.CDLL) keeps the loader's words in the cause.
    seen, out, e = set(), [], error.__cause__ or error.__context__
    while e is not None and id(e) not in seen and len(out) < 4:
        seen.add(id(e))
        out.append("%s: %s" % (type(e).__name__, str(e)[:1000]))
        e = e.__cause__ or e.__context__
    return out

def providers(name):
    if packages_distributions is None:
        return []
    try:
        return sorted(set(packages_distributions().get(name.split(".")[0], [])))
    except Exception:
        return []

for name in modules:
    print("rib:start=" + json.dumps(name), flush=True)
    started = time.monotonic()
    out = {"module": name, "status": "ok"}
    signal.alarm(limit)
    try:
        importlib.import_module(name)
    except TooSlow:
        out["status"] = "timeout"
    except BaseException as e:
        out["status"] = "error"
        out["type"] = type(e).__name__
        out["message"] = str(e)[:2000]
        out["missing"] = getattr(e, "name", None) if isinstance(e, ImportError) else None
        out["chain"] = chain(e)
        out["providers"] = providers(name)
    finally:
        signal.alarm(0)
    out["seconds"] = round(time.monotonic() - started, 3)
    print("\nrib:import=" + json.dumps(out), flush=True)
print("\nrib:done", flush=True)
`;
