# Shell functions for /ref/run.sh inside dom0 (sourced). run.sh is generated from rtxen scenarios by
# `rtxen xen-run`; these functions are its whole vocabulary. Output goes to /ref/out/.
OUT=/ref/out
CONS=/var/log/xen/console
KERNEL=$(ls /ref/vmlinuz-* | head -1)
TRACE_MASK=0x0002f000      # TRC_SCHED: runstate changes, per-scheduler records, verbose (xentrace.md §1.1)

# Each line carries dom0's uptime: how long dom0 takes between the steps of a scenario (go, trace start) matters.
say() {
  local m; m="rtxen: $* (dom0 uptime $(cut -d' ' -f1 /proc/uptime) s)"
  echo "$m"; echo "$m" > /dev/hvc0
}

# guest_create NAME POOL VCPUS EXTRA...  Creates a paused PV guest running rtxen-load with EXTRA.
guest_create() {
  local name=$1 pool=$2 vcpus=$3; shift 3
  cat > "/tmp/$name.cfg" <<CFG
name = "$name"
type = "pv"
kernel = "$KERNEL"
ramdisk = "/ref/guest.cpio.gz"
extra = "console=hvc0 quiet $*"
memory = 128
vcpus = $vcpus
pool = "$pool"
on_poweroff = "preserve"
on_crash = "preserve"
CFG
  rm -f "$CONS/guest-$name.log"
  xl create -p "/tmp/$name.cfg"
}

# wait_console NAME TEXT SECONDS: wait until guest NAME printed TEXT on its console.
wait_console() {
  local i=0
  while ! grep -q "$2" "$CONS/guest-$1.log" 2>/dev/null; do
    i=$((i + 1)); [ $i -gt $(($3 * 10)) ] && { say "timeout waiting for '$2' from $1"; return 1; }
    sleep 0.1
  done
}

# a653_schedule POOL MAJOR_NS DOM:VCPU:RUNTIME_NS...: set an ARINC653 pool's schedule (xl 4.17 cannot);
# libxl records pools as /local/pool/ID/name and a domain's UUID as /local/domain/ID/vm = /vm/UUID.
a653_schedule() {
  local pool=$1 major=$2 id="" p s slots=""; shift 2
  for p in $(xenstore-list /local/pool); do
    [ "$(xenstore-read "/local/pool/$p/name")" = "$pool" ] && id=$p
  done
  [ -n "$id" ] || { say "no pool id for $pool"; return 1; }
  for s in "$@"; do
    slots="$slots $(xenstore-read "/local/domain/$(xl domid "${s%%:*}")/vm" | sed 's|^/vm/||'):${s#*:}"
  done
  # shellcheck disable=SC2086
  /ref/rtxen-a653 "$id" "$major" $slots
}

# console_tty NAME: note the guest's console (the pty xenconsoled made for it) in /tmp/NAME.tty, once per window,
# so that signal needs no xl or xenstore call: signals to all guests then follow each other within milliseconds
# even when dom0 is slow.
console_tty() {
  xenstore-read "/local/domain/$(xl domid "$1")/console/tty" > "/tmp/$1.tty"
}

# signal NAME WORD: write the line WORD (go, mark, stop: see load/rtxen-load.c) to the guest's console.
signal() {
  local tty
  read -r tty < "/tmp/$1.tty"
  printf '%s\n' "$2" > "$tty"
}

# give_up SCENARIO GUEST...: keep what the guests printed and destroy them, so that later scenarios can run.
give_up() {
  local scen=$1 g; shift
  for g in "$@"; do cp "$CONS/guest-$g.log" "$OUT/$scen-$g.failed.log" 2>/dev/null; xl destroy "$g"; done
  sync
  say "$scen: given up"
}

# window SCENARIO SETTLE_S TRACE_S GUEST...: boot the guests, start their loads together, wait until every load runs,
# let it settle, mark the window's start in every load, record TRACE_S seconds of xentrace (and what Xen printed
# meanwhile), stop the loads, keep their logs, destroy the guests. The loads' own limit (rtxen.duration) is only a
# safeguard: dom0 can take seconds between these steps when it is slow, so the loads run until told to stop.
window() {
  local scen=$1 settle=$2 secs=$3; shift 3
  local g
  for g in "$@"; do xl sched-rtds -d "$g" -v all > "$OUT/$scen-$g.rtds" 2>&1; done
  xl vcpu-list > "$OUT/$scen-vcpu-list.txt" 2>&1
  xl cpupool-list -c > "$OUT/$scen-cpupools.txt" 2>&1
  for g in "$@"; do xl unpause "$g"; done
  for g in "$@"; do wait_console "$g" "rtxen-load: ready" 300 || { give_up "$scen" "$@"; return 1; }; done
  for g in "$@"; do console_tty "$g"; done
  for g in "$@"; do signal "$g" go; done
  say "$scen: go sent"
  for g in "$@"; do wait_console "$g" "rtxen-load: go" 60 || { give_up "$scen" "$@"; return 1; }; done
  sleep "$settle"
  xl dmesg -c > "$OUT/$scen-xen-dmesg-setup.txt" 2>&1
  say "$scen: trace start"
  for g in "$@"; do signal "$g" mark; done
  xentrace -D -S 256 -e "$TRACE_MASK" -T "$secs" "$OUT/$scen.trace"
  # Who runs where at the trace's end, before the loads stop: a VCPU that Xen never switched (null: one VCPU per
  # pCPU) leaves no record in the trace, and this listing is how the reference knows it ran throughout.
  xl vcpu-list > "$OUT/$scen-vcpu-list-end.txt" 2>&1
  for g in "$@"; do signal "$g" stop; done
  xl dmesg -c > "$OUT/$scen-xen-dmesg.txt" 2>&1     # what Xen printed while the trace ran
  say "$scen: trace end ($(stat -c %s "$OUT/$scen.trace") bytes)"
  for g in "$@"; do wait_console "$g" "rtxen-load: done" 120; cp "$CONS/guest-$g.log" "$OUT/$scen-$g.log"; done
  for g in "$@"; do xl destroy "$g"; done
  sync    # a boot stopped later still leaves this scenario's outputs readable on the image
  say "$scen: done"
}
