#!/usr/bin/env bash
# A second dockerd that only listens on tcp://127.0.0.1:23760 with mutual TLS, for the remote-engine
# tests (test/services/engine.test.ts).
#   bash test/infra/tls-engine.sh up|down|status|env
# up:     idempotent. Makes a CA, a server certificate (SAN 127.0.0.1, localhost) and two client
#         certificate folders with openssl, starts dockerd with its own data-root, exec-root and pid
#         file, waits for /_ping over TLS, and prints `export DOCKER_…` lines for the good client.
# down:   stops that dockerd by PID, ends what it left, unmounts leftovers. Certificates stay.
# Folders under $RIB_TEST_DIR/tls-engine (default <repo>/.test-env/tls-engine):
#   client/        ca.pem cert.pem key.pem  — a DOCKER_CERT_PATH the engine accepts
#   rogue-client/  ca.pem (the real CA) + cert.pem/key.pem signed by another CA — the engine refuses it
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

TLS_DIR="$RIB_TEST_DIR/tls-engine"
TLS_PORT="${RIB_TLS_ENGINE_PORT:-23760}"
TLS_HOST_URL="tcp://127.0.0.1:$TLS_PORT"
CERTS="$TLS_DIR/certs"
CLIENT="$TLS_DIR/client"
ROGUE="$TLS_DIR/rogue-client"
TLS_DATA_ROOT="$TLS_DIR/data"
# containerd's sockets live under the exec-root and unix socket paths are limited to 108 bytes.
if (( ${#TLS_DIR} <= 60 )); then
  TLS_RUN_DIR="$TLS_DIR/run"
else
  TLS_RUN_DIR="/run/rib-tls-$(printf '%s' "$TLS_DIR" | sha256sum | cut -c1-12)"
fi
TLS_EXEC_ROOT="$TLS_RUN_DIR/exec"
TLS_PIDFILE="$TLS_DIR/dockerd.pid"
TLS_CONFIG="$TLS_DIR/daemon.json"
TLS_LOG="$TLS_DIR/dockerd.log"
TLS_DRIVER_FILE="$TLS_DIR/storage-driver"
TLS_ENV_FILE="$TLS_DIR/env.sh"
TLS_TIMEOUT="${RIB_DOCKERD_TIMEOUT:-60}"

# Our own lock, not up.sh's: a long base-image build there must not hold this engine up.
tls_lock() {
  mkdir -p "$TLS_DIR"
  exec 9>>"$TLS_DIR/.lock"
  flock -w 300 9 || die "another tls-engine.sh holds $TLS_DIR/.lock"
}

tls_answers() {
  [[ -f "$CLIENT/cert.pem" ]] || return 1
  [[ "$(curl -s --max-time 3 --cacert "$CLIENT/ca.pem" --cert "$CLIENT/cert.pem" --key "$CLIENT/key.pem" \
    "https://127.0.0.1:$TLS_PORT/_ping" 2>/dev/null || true)" == OK ]]
}

tls_dockerd_pid() { read_pidfile "$TLS_PIDFILE" "--exec-root=$TLS_EXEC_ROOT"; }

# ---------------------------------------------------------------- certificates

# still_valid CERT: exists and does not expire within a day.
still_valid() { [[ -s "$1" ]] && openssl x509 -in "$1" -noout -checkend 86400 >/dev/null 2>&1; }

# make_ca DIR NAME: DIR/ca.pem + DIR/ca-key.pem.
make_ca() {
  local dir="$1" name="$2"
  mkdir -p "$dir"
  openssl ecparam -name prime256v1 -genkey -noout -out "$dir/ca-key.pem" 2>/dev/null
  openssl req -x509 -new -key "$dir/ca-key.pem" -sha256 -days 825 -subj "/CN=$name" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out "$dir/ca.pem" 2>/dev/null
}

# sign CA_DIR OUT_CERT OUT_KEY CN EXTENSIONS
sign() {
  local ca="$1" cert="$2" key="$3" cn="$4" ext="$5" tmp
  tmp="$(mktemp -d)"
  openssl ecparam -name prime256v1 -genkey -noout -out "$key" 2>/dev/null
  openssl req -new -key "$key" -subj "/CN=$cn" -out "$tmp/req.csr" 2>/dev/null
  printf '%s\n' "$ext" >"$tmp/ext.cnf"
  openssl x509 -req -in "$tmp/req.csr" -CA "$ca/ca.pem" -CAkey "$ca/ca-key.pem" -CAcreateserial \
    -days 825 -sha256 -extfile "$tmp/ext.cnf" -out "$cert" 2>/dev/null
  rm -rf "$tmp"
  chmod 600 "$key"
}

make_certs() {
  if still_valid "$CERTS/ca.pem" && still_valid "$CERTS/server-cert.pem" && still_valid "$CLIENT/cert.pem" &&
    still_valid "$ROGUE/cert.pem"; then
    return 0
  fi
  log "making TLS certificates in $TLS_DIR"
  rm -rf "$CERTS" "$CLIENT" "$ROGUE" "$TLS_DIR/rogue-ca"
  make_ca "$CERTS" "rib test CA"
  sign "$CERTS" "$CERTS/server-cert.pem" "$CERTS/server-key.pem" "127.0.0.1" \
    "subjectAltName=IP:127.0.0.1,DNS:localhost
extendedKeyUsage=serverAuth
keyUsage=critical,digitalSignature,keyEncipherment"
  mkdir -p "$CLIENT" "$ROGUE"
  cp "$CERTS/ca.pem" "$CLIENT/ca.pem"
  sign "$CERTS" "$CLIENT/cert.pem" "$CLIENT/key.pem" "rib-test-client" \
    "extendedKeyUsage=clientAuth
keyUsage=critical,digitalSignature"
  # Trusts the engine, but presents a certificate from a CA the engine does not know.
  make_ca "$TLS_DIR/rogue-ca" "rib rogue CA"
  cp "$CERTS/ca.pem" "$ROGUE/ca.pem"
  sign "$TLS_DIR/rogue-ca" "$ROGUE/cert.pem" "$ROGUE/key.pem" "rib-rogue-client" \
    "extendedKeyUsage=clientAuth
keyUsage=critical,digitalSignature"
}

# ---------------------------------------------------------------- dockerd

tls_cleanup() {
  local pid
  for pid in $(pids_with_cmdline "$TLS_EXEC_ROOT/"); do kill -KILL "$pid" 2>/dev/null || true; done
  unmount_under "$TLS_EXEC_ROOT"
  unmount_under "$TLS_DATA_ROOT"
  rm -f "$TLS_PIDFILE"
  rm -rf --one-file-system "$TLS_EXEC_ROOT" 2>/dev/null || true
}

tls_stop() {
  local pid
  local -a pids=()
  if pid="$(tls_dockerd_pid)"; then pids+=("$pid"); fi
  for pid in $(pids_with_cmdline "--exec-root=$TLS_EXEC_ROOT"); do
    [[ -r "/proc/$pid/comm" && "$(cat "/proc/$pid/comm")" == dockerd ]] && pids+=("$pid")
  done
  if ((${#pids[@]})); then
    for pid in $(printf '%s\n' "${pids[@]}" | sort -u); do stop_pid "$pid" 15; done
  fi
  tls_cleanup
}

# tls_launch DRIVER: 0 when it answers over TLS, 1 when it died or timed out.
tls_launch() {
  local driver="$1" pid i
  mkdir -p "$TLS_DATA_ROOT" "$TLS_EXEC_ROOT"
  chmod 700 "$TLS_RUN_DIR" 2>/dev/null || true
  # Our own (empty) daemon.json, so /etc/docker/daemon.json's "hosts" etc. cannot clash with ours.
  [[ -f "$TLS_CONFIG" ]] || printf '{}\n' >"$TLS_CONFIG"
  pid="$(start_daemon "$TLS_LOG" dockerd \
    --config-file="$TLS_CONFIG" \
    --storage-driver="$driver" \
    --iptables=false --ip6tables=false --ip-forward=false --ip-masq=false --bridge=none \
    --data-root="$TLS_DATA_ROOT" --exec-root="$TLS_EXEC_ROOT" --pidfile="$TLS_PIDFILE" \
    --containerd-namespace=rib-tls --containerd-plugins-namespace=rib-tls-plugins \
    --shutdown-timeout=2 \
    --tlsverify --tlscacert="$CERTS/ca.pem" --tlscert="$CERTS/server-cert.pem" --tlskey="$CERTS/server-key.pem" \
    -H "$TLS_HOST_URL")"
  for ((i = 0; i < TLS_TIMEOUT * 10; i++)); do
    tls_answers && return 0
    if ! pid_alive "$pid"; then
      warn "TLS dockerd ($driver) exited during start-up; last log lines:"
      tail -n 15 "$TLS_LOG" >&2 || true
      return 1
    fi
    sleep 0.1
  done
  warn "TLS dockerd ($driver) did not answer on $TLS_HOST_URL within ${TLS_TIMEOUT}s"
  tail -n 15 "$TLS_LOG" >&2 || true
  stop_pid "$pid" 5
  return 1
}

tls_start() {
  if tls_answers && tls_dockerd_pid >/dev/null; then return 0; fi
  tls_stop
  if port_in_use "$TLS_PORT"; then
    die "127.0.0.1:$TLS_PORT is taken by another process; free it or set RIB_TLS_ENGINE_PORT"
  fi
  local driver="${RIB_STORAGE_DRIVER:-}"
  [[ -n "$driver" ]] || driver="$(cat "$TLS_DRIVER_FILE" 2>/dev/null || true)"
  [[ -n "$driver" ]] || driver=overlay2
  if ! tls_launch "$driver"; then
    tls_stop
    if [[ "$driver" == overlay2 && -z "${RIB_STORAGE_DRIVER:-}" ]]; then
      warn "falling back to the vfs storage driver"
      driver=vfs
    fi
    safe_rm "$TLS_DATA_ROOT"
    tls_launch "$driver" || { tls_stop; die "TLS dockerd would not start (see $TLS_LOG)"; }
  fi
  printf '%s\n' "$driver" >"$TLS_DRIVER_FILE"
}

print_env() {
  cat <<EOF
export DOCKER_HOST=$TLS_HOST_URL
export DOCKER_TLS_VERIFY=1
export DOCKER_CERT_PATH=$CLIENT
EOF
}

# ---------------------------------------------------------------- main

cmd="${1:-status}"
case "$cmd" in
  up)
    is_root || die "tls-engine.sh starts dockerd and needs root"
    command -v dockerd >/dev/null || die "dockerd is not installed (apt-get install docker.io)"
    command -v openssl >/dev/null || die "openssl is not installed"
    tls_lock
    started="$(now_us)"
    make_certs
    tls_start
    print_env >"$TLS_ENV_FILE"
    log "TLS engine up ($(cat "$TLS_DRIVER_FILE")) on $TLS_HOST_URL in $(fmt_secs $(($(now_us) - started))) s"
    print_env
    ;;
  down)
    tls_lock
    tls_stop
    log "TLS engine stopped"
    ;;
  status)
    if tls_answers && pid="$(tls_dockerd_pid)"; then
      echo "running pid $pid on $TLS_HOST_URL"
    else
      echo "stopped"
      exit 3
    fi
    ;;
  env) print_env ;;
  *) die "usage: tls-engine.sh up|down|status|env" ;;
esac
