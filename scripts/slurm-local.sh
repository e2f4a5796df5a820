#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, for trying `verity sweep --on slurm` and for its tests.
#
#   scripts/slurm-local.sh start DIR    starts munged, slurmctld and slurmd with everything under DIR (created);
#                                       prints `export SLURM_CONF=DIR/slurm.conf`, also written to DIR/env
#   scripts/slurm-local.sh stop DIR     stops the three daemons by the pids in DIR's pid files
#
# Needs root (slurmd and munged run as root and as user munge) and Debian's slurm-wlm and munge
# (scripts/install-test-deps.sh installs them). Nothing outside DIR is written: the munge key, munged's socket,
# Slurm's spool, state, logs and pid files all live there (munged's in /tmp/verity-munge-* when user munge cannot
# enter DIR; stop removes it), and the ports are free ones chosen at start, so a system Slurm or munge on the
# machine is left alone. The node is this host (`hostname -s`, reached at 127.0.0.1, so its name need not
# resolve) with all its cores, in the default partition `local`.
set -euo pipefail

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }

if [ $# -ne 2 ] || { [ "$1" != start ] && [ "$1" != stop ]; }; then
  usage >&2
  exit 2
fi
command="$1"
mkdir -p "$2"
dir="$(cd "$2" && pwd)"

# munged's folder: DIR/munge, or one of its own under /tmp when user munge cannot reach DIR (a private folder).
munge_dir() {
  if [ -f "$dir/munge.path" ]; then cat "$dir/munge.path"; else echo "$dir/munge"; fi
}

stop() {
  local status=0
  for pidfile in "$dir/slurmd.pid" "$dir/slurmctld.pid" "$(munge_dir)/munged.pid"; do
    [ -f "$pidfile" ] || continue
    pid="$(cat "$pidfile")"
    if kill "$pid" 2>/dev/null; then
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      if kill -0 "$pid" 2>/dev/null; then
        echo "slurm-local: $(basename "$pidfile" .pid) ($pid) did not stop; killing it" >&2
        kill -KILL "$pid" 2>/dev/null || status=1
      fi
    fi
    rm -f "$pidfile"
  done
  return $status
}

if [ "$command" = stop ]; then
  stop
  if [ -f "$dir/munge.path" ]; then rm -rf "$(cat "$dir/munge.path")" "$dir/munge.path"; fi
  echo "slurm-local: stopped the daemons of $dir"
  exit 0
fi

for tool in munged mungekey slurmctld slurmd sinfo; do
  if ! command -v "$tool" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$tool" ]; then
    echo "slurm-local: $tool is missing: run scripts/install-test-deps.sh (Debian's slurm-wlm and munge)" >&2
    exit 2
  fi
done
if [ "$(id -u)" -ne 0 ]; then
  echo "slurm-local: needs root (slurmd runs as root, munged as user munge)" >&2
  exit 2
fi
export PATH="$PATH:/usr/sbin"

# A port nobody listens on, from a range away from Slurm's defaults (6817-6819).
free_port() {
  local port
  for _ in $(seq 200); do
    port=$((20000 + RANDOM % 20000))
    if ! ss -Htln "sport = :$port" 2>/dev/null | grep -q .; then
      echo "$port"
      return
    fi
  done
  echo "slurm-local: found no free port" >&2
  exit 1
}

# munged checks that its files are its own and not writable by others, and that every folder above its socket
# can be entered by all: DIR's own parents may not allow that (a test's private temporary folder).
mkdir -p "$dir/spool" "$dir/state" "$dir/logs"
chmod 0755 "$dir"
if runuser -u munge -- test -x "$dir"; then
  munge="$dir/munge"
  mkdir -p "$munge"
else
  munge="$(mktemp -d /tmp/verity-munge-XXXXXX)"
  echo "$munge" > "$dir/munge.path"
fi
chown munge:munge "$munge"
chmod 0755 "$munge" # munged wants its socket's folder reachable by all, writable by it alone
if [ ! -f "$munge/munge.key" ]; then
  mungekey --create --keyfile="$munge/munge.key" >/dev/null
fi
chown munge:munge "$munge/munge.key"
chmod 0400 "$munge/munge.key"
socket="$munge/munge.socket"
runuser -u munge -- munged --socket="$socket" --key-file="$munge/munge.key" \
  --pid-file="$munge/munged.pid" --log-file="$munge/munged.log" --seed-file="$munge/munged.seed"

host="$(hostname -s)"
ctld_port="$(free_port)"
slurmd_port="$(free_port)"
while [ "$slurmd_port" = "$ctld_port" ]; do slurmd_port="$(free_port)"; done
cat > "$dir/slurm.conf" <<EOF
# Written by scripts/slurm-local.sh: a one-node cluster on $host.
ClusterName=verity-local
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/logs/slurmctld.log
SlurmdLogFile=$dir/logs/slurmd.log
SlurmctldTimeout=30
SlurmdTimeout=30
MinJobAge=3600
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$dir/slurm.conf"
echo "export SLURM_CONF=$SLURM_CONF" > "$dir/env"

slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF"

# Ready once the node is idle; a failure leaves the logs to read and stops what started.
for _ in $(seq 100); do
  state="$(sinfo -h -N -o '%T' 2>/dev/null | head -n 1 || true)"
  if [ "$state" = idle ]; then
    echo "slurm-local: node $host ($(nproc) CPUs) is idle in partition local"
    echo "export SLURM_CONF=$SLURM_CONF"
    exit 0
  fi
  sleep 0.2
done
echo "slurm-local: the node did not become idle (state '${state:-none}'); logs in $dir/logs and $munge" >&2
stop || true
exit 1
