#!/bin/bash
# SPDX-License-Identifier: MIT
# The TUI's terminal goes away without a SIGHUP (a pty whose other side closes,
# procscope not its controlling process): procscope must notice, end the session
# as on SIGHUP (exit 129) and leave no process behind, instead of spinning on a
# terminal that returns end-of-file for ever. Driven through python's pty module.
. "$(dirname "$0")/lib.sh"

# Run procscope "$@" on a fresh pty (new session, no controlling terminal, so
# closing the master sends no signal), wait for $WANT on its screen, close the
# master, and print "exit=N" (or "exit=hung" after 30 s; the process is killed then).
lose_terminal() {
    local want=$1
    shift
    WANT=$want python3 - "$PROCSCOPE" "$@" <<'PY'
import fcntl, os, select, struct, subprocess, sys, termios, time
master, slave = os.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")
p = subprocess.Popen(sys.argv[1:], stdin=slave, stdout=slave, stderr=slave, env=env,
                     start_new_session=True)
os.close(slave)
seen, limit = b"", time.monotonic() + 30
while os.environ["WANT"].encode() not in seen and time.monotonic() < limit:
    r, _, _ = select.select([master], [], [], 0.5)
    if r:
        try:
            seen = (seen + os.read(master, 65536))[-65536:]
        except OSError:
            break
if os.environ["WANT"].encode() not in seen:
    p.kill()
    print("exit=never-drew")
    sys.exit(0)
os.close(master)
try:
    print("exit=%d" % p.wait(timeout=30))
except subprocess.TimeoutExpired:
    p.kill()
    p.wait()
    print("exit=hung")
PY
}

check() {
    local what=$1 got=$2
    [ "$got" = "exit=129" ] || e2e_fail "$what: $got after its terminal closed (want exit=129)"
    sleep 0.2
    local left
    left=$(e2e_session_pids)
    [ -z "$left" ] || e2e_fail "$what: processes left behind: $left"
}

check "run" "$(lose_terminal LIVE run -- "$E2E_PROGRAMS/sleeper" 2)"
check "replay" "$(lose_terminal REPLAY replay "$(dirname "$0")/../../assets/derom.psrec")"
check "picker" "$(lose_terminal Enter)"
echo "ok: term_lost"
