#!/bin/bash
# slurm_test.sh CASPIAN - run the Slurm recipe of docs/cluster.md for real on
# a one-node Slurm cluster started here, and check that the merged results
# equal a single-process run byte for byte.
#
# The job scripts are taken from docs/cluster.md itself (the ```bash blocks
# whose second line is "# caspian-cluster: NAME"), so the documented recipe
# is what runs.  Everything lives in a fresh temporary directory: a munge key
# and socket of its own, a slurm.conf for this host (its real CPUs and memory,
# from slurmd -C) on ports of its own, state and logs; munged, slurmctld and
# slurmd are started in the foreground as children of this script and stopped
# by a trap, whatever happens.
#
# Needs root (the daemons run with SlurmUser=root), the Debian packages
# slurm-wlm and munge, python3 and the panel generator
# $CASPIAN_SHARED_DIR/tools/gen_panel.py.  Exits 77 (skipped) and says why
# when one is missing, or when the node is not idle within
# CASPIAN_SLURM_TIMEOUT seconds (default 60) of starting the daemons.
#
# CASPIAN_SLURM_SERIES (default 2000) sets the panel size and
# CASPIAN_SLURM_TASKS (default 4) the array size; the wall time from the
# first sbatch to the merged results is printed.
set -u
bin=$(readlink -f "${1:?usage: slurm_test.sh CASPIAN}")
src=${CASPIAN_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
shared=${CASPIAN_SHARED_DIR:-$src/../shared}
series=${CASPIAN_SLURM_SERIES:-2000}
tasks=${CASPIAN_SLURM_TASKS:-4}
timeout=${CASPIAN_SLURM_TIMEOUT:-60}
job_timeout=${CASPIAN_SLURM_JOB_TIMEOUT:-900}

skip() {
	echo "SKIPPED: $*"
	exit 77
}
fail() {
	echo "FAIL: $*"
	exit 1
}

[ "$(id -u)" = 0 ] || skip "the Slurm test must run as root (the daemons run with SlurmUser=root)"
for tool in munged munge unmunge slurmctld slurmd sbatch squeue sinfo scontrol; do
	command -v "$tool" > /dev/null ||
		skip "$tool not found: install the Debian packages slurm-wlm and munge"
done
command -v python3 > /dev/null || skip "python3 not found (it runs the panel generator)"
[ -f "$shared/tools/gen_panel.py" ] || skip "no panel generator at $shared/tools/gen_panel.py"
[ -f "$src/docs/cluster.md" ] || fail "no docs/cluster.md in $src"

# Any Slurm cluster the environment names is left alone: every client
# command below talks to the cluster this script starts.
unset SLURM_CONF
own_cluster=0
work=$(mktemp -d "${TMPDIR:-/tmp}/caspian-slurm.XXXXXX")
chmod 700 "$work"
pids=()
stop_daemons() {
	local p
	for p in "${pids[@]}"; do
		kill "$p" 2> /dev/null
	done
	for p in "${pids[@]}"; do
		wait "$p" 2> /dev/null
	done
	pids=()
}
cleanup() {
	# Jobs still queued or running (after a failure) are cancelled first, so
	# that no job step outlives the daemons; only on this script's own
	# cluster, never on one the environment pointed at.
	if [ "$own_cluster" = 1 ]; then
		scancel --full --user=root > /dev/null 2>&1
		local wait_until=$((SECONDS + 10))
		while [ -n "$(squeue -h -o %i 2> /dev/null)" ] && [ "$SECONDS" -lt "$wait_until" ]; do
			sleep 0.5
		done
	fi
	stop_daemons
	if [ "${CASPIAN_SLURM_KEEP:-0}" = 1 ]; then
		echo "kept $work"
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

show_logs() {
	local f
	for f in "$work"/*.log "$work"/run/logs/*; do
		[ -f "$f" ] || continue
		echo "--- $f"
		tail -n 30 "$f"
	done
}

# ---- the job scripts, from the documentation ------------------------------
awk -v dir="$work" '
	/^```bash$/ { inblock = 1; n = 0; next }
	/^```$/ { inblock = 0; if (name != "") close(dir "/" name); name = ""; next }
	inblock {
		n++
		if (n == 1) { first = $0; next }
		if (n == 2) {
			if ($0 ~ /^# caspian-cluster: /) {
				name = $0; sub(/^# caspian-cluster: /, "", name)
				print first > (dir "/" name)
			}
		}
		if (name != "") print > (dir "/" name)
	}' "$src/docs/cluster.md"
for f in shard.sbatch merge.sbatch submit.sh; do
	[ -s "$work/$f" ] || fail "docs/cluster.md has no block '# caspian-cluster: $f'"
done

# ---- munge ----------------------------------------------------------------
mkdir -p "$work/munge" "$work/state" "$work/spool" "$work/run"
chmod 700 "$work/munge"
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$work/munge/munge.key"
sock=$work/munge/munge.socket
munged -F --force --socket="$sock" --key-file="$work/munge/munge.key" \
	--pid-file="$work/munge/munged.pid" --log-file="$work/munged.log" \
	--seed-file="$work/munge/munged.seed" > "$work/munged.out.log" 2>&1 &
pids+=($!)

start=$SECONDS
until [ -S "$sock" ] && munge -n -S "$sock" 2> /dev/null | unmunge -S "$sock" > /dev/null 2>&1; do
	if [ $((SECONDS - start)) -ge "$timeout" ] || ! kill -0 "${pids[0]}" 2> /dev/null; then
		show_logs
		skip "munged did not answer within ${timeout} s (log above)"
	fi
	sleep 0.5
done

# ---- slurm.conf for this host ---------------------------------------------
free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
host=$(hostname -s)
hw=$(slurmd -C 2> /dev/null | head -n 1)
[ -n "$hw" ] || skip "slurmd -C printed no node description"
hw=${hw#NodeName=* } # CPUs=2 Boards=1 ... RealMemory=24105
conf=$work/slurm.conf
cat > "$conf" <<CONF
ClusterName=caspiantest
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$sock
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
SchedulerType=sched/backfill
SwitchType=switch/none
MpiDefault=none
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
MinJobAge=600
NodeName=$host NodeAddr=127.0.0.1 $hw State=UNKNOWN
PartitionName=caspian Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$conf
own_cluster=1

slurmctld -D -c -i -f "$conf" > "$work/slurmctld.out.log" 2>&1 &
pids+=($!)
slurmd -D -f "$conf" -N "$host" > "$work/slurmd.out.log" 2>&1 &
pids+=($!)

start=$SECONDS
until [ "$(sinfo -h -n "$host" -o %T 2> /dev/null)" = idle ]; do
	if [ $((SECONDS - start)) -ge "$timeout" ]; then
		echo "node state: $(sinfo -h -n "$host" -o '%T %E' 2>&1)"
		show_logs
		skip "the Slurm node did not become idle within ${timeout} s (logs above)"
	fi
	sleep 1
done
echo "Slurm node $host idle after $((SECONDS - start)) s: $hw"

# ---- the recipe ------------------------------------------------------------
# caspian on the jobs' PATH is a wrapper that records each run's elapsed time
# and maximum resident set size when GNU time is installed.
mkdir -p "$work/bin" "$work/run/logs"
if [ -x /usr/bin/time ]; then
	cat > "$work/bin/caspian" <<WRAP
#!/bin/bash
exec /usr/bin/time -a -o "$work/run/logs/usage.\${SLURM_ARRAY_TASK_ID:-merge}" \
	-f "%e %U %S %M %C" "$bin" "\$@"
WRAP
	chmod +x "$work/bin/caspian"
else
	ln -s "$bin" "$work/bin/caspian"
fi
export PATH="$work/bin:$PATH"
export LC_ALL=C TZ=UTC CASPIAN_NOW=2026-01-01T00:00:00.000000Z
unset CASPIAN_DB

panel=$work/panel.csv
python3 "$shared/tools/gen_panel.py" --series "$series" -o "$panel" || fail "gen_panel.py failed"
echo "panel: $series series, $(($(wc -l < "$panel") - 1)) rows"

cd "$work"
t0=$EPOCHREALTIME
PANEL=$panel RUN=$work/run TASKS=$tasks bash ./submit.sh > submit.out 2>&1 ||
	{ cat submit.out; show_logs; fail "submit.sh failed"; }
merge_job=$(tail -n 1 submit.out)
merge_job=${merge_job%%;*}
[[ $merge_job =~ ^[0-9]+$ ]] || { cat submit.out; fail "submit.sh did not print the merge job id last"; }
deadline=$((SECONDS + job_timeout))
while [ -n "$(squeue -h -j "$merge_job" -o %T 2> /dev/null)" ]; do
	if [ "$SECONDS" -ge "$deadline" ]; then
		squeue
		show_logs
		fail "the jobs did not finish within $job_timeout s"
	fi
	sleep 0.2
done
t1=$EPOCHREALTIME
state=$(scontrol show job "$merge_job" 2> /dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p')
[ "$state" = COMPLETED ] || { show_logs; fail "merge job $merge_job ended ${state:-unknown}"; }
awk -v a="$t0" -v b="$t1" -v n="$tasks" \
	'BEGIN { printf "wall time, first sbatch to merged results: %.1f s with %d array tasks\n", b - a, n }'
usage() {
	awk -v what="$1" '{ e += $1; c += $2 + $3; if ($4 > m) m = $4 }
		END { printf "%s: caspian ran %.2f s (%.2f s CPU), max RSS %.1f MiB\n", what, e, c, m / 1024 }' "$2"
}
for ((i = 0; i < tasks; i++)); do
	[ -f "run/logs/usage.$i" ] && usage "shard $i" "run/logs/usage.$i"
done
[ -f run/logs/usage.merge ] && usage "merge job" run/logs/usage.merge
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"

# ---- the single-process run -------------------------------------------------
# The run lines of shard.sbatch again, on the whole panel in one process.
single=$work/single
mkdir -p "$single"
"$bin" --db "$single/panel.db" import "$panel" > /dev/null || fail "single import failed"
run() {
	local name=$1
	shift
	"$bin" --db "$single/panel.db" "$@" --format csv > "$single/$name.csv" 2> "$single/$name.err"
}
runs=$(grep -E '^run [a-z]' shard.sbatch)
[ -n "$runs" ] || fail "shard.sbatch has no run lines"
eval "$runs" || fail "a single-process run failed"
status=0
for name in $(awk '{ print $2 }' <<< "$runs"); do
	if cmp -s "$single/$name.csv" "run/$name.csv"; then
		echo "$name: merged shards equal the single run ($(wc -l < "run/$name.csv") lines)"
	else
		echo "$name: merged shards DIFFER from the single run:"
		diff "$single/$name.csv" "run/$name.csv" | head -10
		status=1
	fi
done

# The merged store holds every series once, as the single import stored it:
# merging the single store into a copy of it finds every series identical
# (values bit for bit, metadata, time stamps, vintages) and nothing new.
total=0
for ((i = 0; i < tasks; i++)); do
	k=$(($("$bin" --db "run/shard-$i.db" list --format csv | wc -l) - 1))
	echo "shard $i: $k series"
	total=$((total + k))
	[ "$tasks" = 1 ] || [ "$k" -lt "$series" ] || { echo "shard $i holds every series"; status=1; }
done
[ "$total" = "$series" ] || { echo "the shards hold $total series, not $series"; status=1; }
cp run/panel.db check.db
got=$("$bin" merge check.db "$single/panel.db" --format csv | tail -n 1)
if [ "$got" = "check.db,1,0,$series,0" ]; then
	echo "store: the merged store equals the single import ($series series)"
else
	echo "store: the merged store differs from the single import: $got"
	status=1
fi
"$bin" --db run/panel.db export | cmp -s - <("$bin" --db "$single/panel.db" export) ||
	{ echo "store: the exports differ"; status=1; }

[ "$status" = 0 ] || { show_logs; fail "sharded results differ from the single run"; }
echo "PASS"
