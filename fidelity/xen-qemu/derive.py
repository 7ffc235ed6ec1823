#!/usr/bin/env python3
"""Derive rtxen's small reference JSON from one scenario's raw outputs of a reference boot.

  derive.py OUTDIR SCENARIO_ID [--meta KEY=VALUE ...]   prints the JSON on stdout

Reads OUTDIR/ID.trace (xentrace binary, format: shared spec xentrace.md), OUTDIR/ID-vcpu-list.txt (domain
names and ids), OUTDIR/ID-DOM.log (each guest's console: rtxen-load's job lines) and OUTDIR/ID-xen-dmesg.txt.
This is a stop-gap until rtxen's own Java reader (`rtxen trace summary`) is merged; it decodes only what the
reference data needs: runstate changes (per-VCPU running/runnable/blocked ns), RTDS budget burns and
replenishments, and the order of dispatches.
"""
import json, re, struct, sys
from collections import defaultdict

CPU_CHANGE = 0x0001F003
RUNSTATE_MASK, RUNSTATE_ID = 0x0FFFF00F, 0x00021001
RTDS_PICK, RTDS_BURN, RTDS_REPL = 0x00022802, 0x00022803, 0x00022804
IDLE_DOMID = 0x7FFF
STATES = ("running", "runnable", "blocked", "offline")


def records(path):
    """Yields (tsc, pcpu, event, words) merged over pCPUs by TSC (stable within a pCPU's stream)."""
    data = open(path, "rb").read()
    streams = defaultdict(list)
    pos, cpu = 0, None
    while pos + 4 <= len(data):
        hdr, = struct.unpack_from("<I", data, pos)
        ev, n, has_tsc = hdr & 0x0FFFFFFF, (hdr >> 28) & 7, hdr >> 31
        pos += 4
        tsc = None
        if has_tsc:
            tsc, = struct.unpack_from("<Q", data, pos)
            pos += 8
        words = struct.unpack_from("<%dI" % n, data, pos)
        pos += 4 * n
        if ev == CPU_CHANGE:
            cpu = words[0]
        elif tsc is not None:
            streams[cpu].append((tsc, cpu, ev, words))
    merged = []
    for s in streams.values():
        merged.extend((r[0], r[1], i, r) for i, r in enumerate(s))
    merged.sort(key=lambda x: (x[0], x[1], x[2]))
    return [m[3] for m in merged]


def s64(lo, hi):
    v = lo | (hi << 32)
    return v - (1 << 64) if v >> 63 else v


def derive(out, scen, meta):
    recs = records(f"{out}/{scen}.trace")
    t0, t1 = recs[0][0], recs[-1][0]
    names = {}
    for line in open(f"{out}/{scen}-vcpu-list.txt"):
        f = line.split()
        if len(f) >= 3 and f[1].isdigit() and f[0] != "Name":
            names[int(f[1])] = f[0]
    state, since = {}, {}
    acc = defaultdict(lambda: [0, 0, 0, 0])
    burns, exhaust, extra, repl = defaultdict(int), defaultdict(int), defaultdict(int), defaultdict(int)
    picks = []
    last_on = {}
    for tsc, cpu, ev, w in recs:
        if ev & RUNSTATE_MASK == RUNSTATE_ID and len(w) >= 1:
            old, new = (ev >> 8) & 0xF, (ev >> 4) & 0xF
            key = (w[0] >> 16, w[0] & 0xFFFF)
            if key[0] == IDLE_DOMID:
                continue
            start = since.get(key, t0)
            acc[key][state.get(key, old)] += tsc - start
            state[key], since[key] = new, tsc
            if new == 0 and last_on.get(cpu) != key:
                last_on[cpu] = key
                if len(picks) < 200:
                    picks.append({"t_us": (tsc - t0) // 1000, "pcpu": cpu, "vcpu": "d%dv%d" % key})
        elif ev == RTDS_BURN:
            key = (w[0] >> 16, w[0] & 0xFFFF)
            burns[key] += 1
            if s64(w[1], w[2]) <= 0:
                exhaust[key] += 1
        elif ev == RTDS_REPL:
            key = (w[0] >> 16, w[0] & 0xFFFF)
            repl[key] += 1
            if w[1] > 0:
                extra[key] += 1
    for key, st in state.items():
        acc[key][st] += t1 - since[key]
    domains = defaultdict(list)
    for key in sorted(acc):
        if key[0] == 0:
            continue
        a = acc[key]
        domains[key[0]].append({"id": key[1], "run_ns": a[0], "runnable_ns": a[1], "blocked_ns": a[2] + a[3],
                                "rtds_exhaustions": exhaust[key], "rtds_replenishments": repl[key],
                                "rtds_extratime_replenishments": extra[key]})
    tasks = {}
    for domid, name in names.items():
        try:
            log = open(f"{out}/{scen}-{name}.log", errors="replace").read()
        except FileNotFoundError:
            continue
        for m in re.finditer(r"^T (\S+) jobs=(\d+) completed=(\d+) misses=(\d+) resp_min=(\d+) resp_mean=(\d+) resp_max=(\d+)",
                             log, re.M):
            tasks.setdefault(name, []).append({"name": m[1], "jobs": int(m[2]), "completed": int(m[3]),
                                               "misses": int(m[4]), "resp_min_ns": int(m[5]),
                                               "resp_mean_ns": int(m[6]), "resp_max_ns": int(m[7])})
        cal = re.search(r"rtxen-load: calibration (\d+)", log)
        if cal:
            meta.setdefault("calibration_ps_per_iter", {})[name] = int(cal[1])
    try:
        behind = open(f"{out}/{scen}-xen-dmesg.txt", errors="replace").read().count("now is behind last_start")
    except FileNotFoundError:
        behind = None
    return {
        "scenario": scen,
        **meta,
        "trace_ns": t1 - t0,
        "trace_records": len(recs),
        "xen_behind_last_start_warnings": behind,
        "domains": [{"id": d, "name": names.get(d, "?"), "vcpus": v, "tasks": tasks.get(names.get(d), [])}
                    for d, v in sorted(domains.items())],
        "picks": picks,
    }


if __name__ == "__main__":
    meta = dict(a.split("=", 1) for a in sys.argv[4:] if "=" in a) if len(sys.argv) > 3 else {}
    print(json.dumps(derive(sys.argv[1], sys.argv[2], meta), indent=1))
