import { TRY_DIR } from './work-archive';

/**
 * How one notebook or script runs in the image, as Elyra's generic node runs it (elyra-ai/elyra
 * main 1149d77: kfp_processor.py builds the command, kfp/bootstrapper.py runs the file):
 *  - `sh -c`: `mkdir -p ./jupyter-work-dir && cd ./jupyter-work-dir`, in the image's working directory;
 *  - the node's files unpacked there with tar (`tar -zxvf` of the dependency archive);
 *  - a notebook: `papermill.execute_notebook(notebook, "<name>-output.ipynb", kernel_name=…,
 *    log_output=True, stdout_file=sys.stdout, stderr_file=sys.stderr)`, the kernel chosen by
 *    `find_best_kernel`: the notebook's kernelspec name when installed, else the first kernel of
 *    the notebook's language;
 *  - a script: `python3 <script>` with stdout and stderr into `<name>.log`.
 * Not repeated here: the download of the bootstrapper and Elyra's pins (needs the network; the
 * image check covers the pins) and object storage. Each stage says where it got to on a
 * `rib:stage=` line, so a failure before the file runs is told apart from the file failing.
 */
export const RUN_SHELL = [
  'mkdir -p ./jupyter-work-dir && cd ./jupyter-work-dir || { echo "rib:stage=no-workdir"; exit 90; }',
  'echo "rib:workdir=$(pwd)"',
  `tar -zxf ${TRY_DIR}/work.tar.gz || { echo "rib:stage=no-unpack"; exit 91; }`,
  'if ! command -v python3 >/dev/null 2>&1; then echo "rib:stage=no-python3"; exit 92; fi',
  `exec python3 ${TRY_DIR}/run.py "$RIB_TRY_KIND" "$RIB_TRY_FILE" "$RIB_TRY_OUTPUT"`,
].join('\n');

export const RUN_PROGRAM = String.raw`
import json, os, subprocess, sys

kind, name, output = sys.argv[1], sys.argv[2], sys.argv[3]

def say(key, value):
    print("\nrib:%s=%s" % (key, json.dumps(value)), flush=True)

if kind == "script":
    say("stage", "running")
    with open(output, "w") as log:
        p = subprocess.Popen(["python3", name], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        for line in iter(p.stdout.readline, b""):
            text = line.decode("utf-8", "replace")
            log.write(text)
            log.flush()
            sys.stdout.write(text)
            sys.stdout.flush()
        code = p.wait()
    say("exit", code)
    sys.exit(code)

try:
    import nbformat
    import papermill
    from jupyter_client.kernelspec import KernelSpecManager
except Exception as e:
    say("stage", "no-papermill")
    say("error", "%s: %s" % (type(e).__name__, e))
    sys.exit(93)

def best_kernel(path):
    nb = nbformat.read(path, 4)
    spec = nb.metadata.get("kernelspec") or {}
    wanted, language = spec.get("name"), (spec.get("language") or (nb.metadata.get("language_info") or {}).get("name") or "")
    if not spec:
        say("warning", "The notebook names no kernel (no kernelspec in its metadata): Elyra's bootstrapper stops on such a notebook. Save it once from Jupyter to add one.")
    specs = KernelSpecManager().find_kernel_specs()
    if wanted in specs:
        return wanted
    for kernel, folder in specs.items():
        try:
            with open(os.path.join(folder, "kernel.json")) as f:
                if (json.load(f).get("language") or "").lower() == language.lower():
                    return os.path.basename(folder)
        except Exception:
            pass
    return wanted or "python3"

try:
    kernel = best_kernel(name)
except Exception as e:
    say("stage", "unreadable")
    say("error", "%s: %s" % (type(e).__name__, e))
    sys.exit(94)
say("kernel", kernel)
say("stage", "running")
try:
    papermill.execute_notebook(name, output, kernel_name=kernel, log_output=True, stdout_file=sys.stdout, stderr_file=sys.stderr)
except papermill.PapermillExecutionError as e:
    say("failed", {"cell_index": e.cell_index, "exec_count": e.exec_count, "ename": e.ename, "evalue": e.evalue})
    sys.exit(1)
except BaseException as e:
    say("stage", "papermill-error")
    say("error", "%s: %s" % (type(e).__name__, e))
    sys.exit(2)
say("exit", 0)
`;
