/*
 * rtxen-load: the guest workload of rtxen's real-Xen reference runs.
 *
 * Arguments are the guest kernel's command line (unknown words are ignored), so the guest's init can
 * simply pass /proc/cmdline:
 *   rtxen.duration=NS   how long the load runs after it starts (required)
 *   rtxen.hog=1         one always-runnable CPU hog per VCPU (SCHED_OTHER, nice 19: below every task)
 *   rtxen.task=NAME:PERIOD:WCET:DEADLINE:OFFSET:PRIO:VCPU
 *                       a periodic SCHED_FIFO task (times in ns, PRIO 1..98, VCPU -1 = any)
 *
 * Execution time is a calibrated busy loop: each job executes a fixed number of loop iterations, the
 * number that takes WCET ns when the thread is never preempted. The demand is thus the same whether the
 * guest is preempted by a higher-priority task or its VCPU is descheduled by Xen, as in the simulator's
 * task model. A CLOCK_MONOTONIC deadline would count Xen's preemption as execution, and a thread-CPU-time
 * deadline depends on whether the PV guest's kernel subtracts stolen time. Calibration takes the fastest
 * of many short timed runs, which excludes the runs in which the VCPU was preempted. Under QEMU's
 * -icount shift=0 one guest instruction takes exactly 1 ns of virtual time, so the loop is exact.
 *
 * It calibrates, prints "ready", and starts when a line "go" arrives on stdin (the console: dom0 writes it). It
 * then runs until a line "stop" arrives (dom0 writes it when its trace has ended) or for the duration, whichever
 * comes first; a line "mark" (dom0 writes it just before it starts the trace) is logged with its arrival time, so
 * that the traced window is known in the load's own time however long dom0 took between its steps.
 * Output, on stdout (the guest console):
 *   rtxen-load: calibration PS_PER_ITER (picoseconds per loop iteration)
 *   rtxen-load: ready
 *   rtxen-load: go T0=NS                (at the start signal; T0 on CLOCK_MONOTONIC)
 *   rtxen-load: mark T=NS               (when dom0's "mark" arrived, ns relative to T0)
 *   J NAME K RELEASE START COMPLETION   (one line per job, ns relative to T0)
 *   T NAME jobs=N completed=N misses=N resp_min=NS resp_mean=NS resp_max=NS
 *   rtxen-load: done
 * Jobs are counted if released before the end; a job still running at the end counts as a miss if its deadline
 * has passed, and is otherwise left out.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define MAX_TASKS 32
#define MAX_CPUS 64

struct job { int64_t release, start, completion; };

struct task {
    char name[32];
    int64_t period, wcet, deadline, offset;
    int prio, vcpu;
    struct job *jobs;
    size_t max_jobs, njobs;
    pthread_t thread;
};

static struct task tasks[MAX_TASKS];
static int ntasks;
static int64_t t0, duration;
static int64_t ps_per_iter;           /* calibration: picoseconds per spin() iteration */
static volatile int stop_hogs;
/* Every thread is created (stack faulted in and locked) before "ready", then waits here until T0 is known: a
 * PV guest pays each page-table update through Xen, and creating threads after the start cost 0.1 s. */
static pthread_mutex_t gate_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate_open = PTHREAD_COND_INITIALIZER;
static int started;

static void await_start(void) {
    pthread_mutex_lock(&gate_lock);
    while (!started) pthread_cond_wait(&gate_open, &gate_lock);
    pthread_mutex_unlock(&gate_lock);
}

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void sleep_until(int64_t t) {
    struct timespec ts = { .tv_sec = t / 1000000000, .tv_nsec = t % 1000000000 };
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR) {
    }
}

static void die(const char *what) {
    fprintf(stderr, "rtxen-load: %s\n", what);
    exit(2);
}

/* Console input, read line by line with read(2) so that a wait can time out. */
static char in_buf[256];
static size_t in_len;

/* The next line of stdin into line (without its newline): 1, or 0 when deadline (CLOCK_MONOTONIC ns) passed
 * first, or -1 at the end of input. */
static int next_line(char *line, size_t size, int64_t deadline) {
    for (;;) {
        char *nl = memchr(in_buf, '\n', in_len);
        if (nl) {
            size_t n = (size_t)(nl - in_buf);
            size_t keep = n < size - 1 ? n : size - 1;
            memcpy(line, in_buf, keep);
            line[keep] = 0;
            in_len -= n + 1;
            memmove(in_buf, nl + 1, in_len);
            return 1;
        }
        if (in_len == sizeof in_buf) in_len = 0;          /* a line longer than the buffer: drop it */
        int timeout = -1;
        if (deadline != INT64_MAX) {
            int64_t left = deadline - now_ns();
            if (left <= 0) return 0;
            timeout = left / 1000000 + 1 > INT_MAX ? INT_MAX : (int)(left / 1000000 + 1);
        }
        struct pollfd p = { .fd = 0, .events = POLLIN };
        int r = poll(&p, 1, timeout);
        if (r < 0 && errno != EINTR) return -1;
        if (r <= 0) continue;
        ssize_t got = read(0, in_buf + in_len, sizeof in_buf - in_len);
        if (got <= 0) return -1;
        in_len += (size_t)got;
    }
}

/* The unit of work: n iterations of a loop the compiler cannot remove. */
static void __attribute__((noinline)) spin(int64_t n) {
    for (volatile int64_t i = 0; i < n; i++) {
    }
}

/* The fastest of many timed runs of n iterations: runs in which the VCPU was preempted are discarded. */
static int64_t fastest_run(int64_t n) {
    int64_t best = INT64_MAX;
    for (int trial = 0; trial < 200; trial++) {
        int64_t a = now_ns();
        spin(n);
        int64_t d = now_ns() - a;
        if (d > 0 && d < best) best = d;
    }
    return best;
}

/* Time per iteration from two run lengths, so that the clock reads' own cost (a hypercall-backed system call in
 * a PV guest without a stable TSC: microseconds) cancels out. */
static void calibrate(void) {
    const int64_t n1 = 10000, n2 = 30000;
    /* On one VCPU: the clocks of a PV guest's VCPUs can disagree by more than a run, so a run that migrated
     * could look shorter than it was. */
    cpu_set_t all, one;
    if (sched_getaffinity(0, sizeof all, &all) != 0) die("sched_getaffinity failed");
    CPU_ZERO(&one);
    CPU_SET(0, &one);
    if (sched_setaffinity(0, sizeof one, &one) != 0) die("sched_setaffinity failed");
    for (int attempt = 0; attempt < 10 && ps_per_iter <= 0; attempt++)
        ps_per_iter = (fastest_run(n2) - fastest_run(n1)) * 1000 / (n2 - n1);
    if (sched_setaffinity(0, sizeof all, &all) != 0) die("sched_setaffinity failed");
    if (ps_per_iter <= 0) die("calibration failed");
}

static void set_affinity(int cpu) {
    if (cpu < 0) return;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (sched_setaffinity(0, sizeof set, &set) != 0) die("sched_setaffinity failed");
}

/* Threads inherit the creator's SCHED_FIFO 99; each sets its own policy first. */
static void set_policy(int policy, int prio) {
    struct sched_param sp = { .sched_priority = prio };
    if (pthread_setschedparam(pthread_self(), policy, &sp) != 0) die("pthread_setschedparam failed");
}

static void *hog_main(void *arg) {
    set_policy(SCHED_OTHER, 0);
    set_affinity((int)(intptr_t)arg);
    setpriority(PRIO_PROCESS, 0, 19);
    await_start();
    while (!stop_hogs) spin(100000);
    return NULL;
}

static void *task_main(void *arg) {
    struct task *t = arg;
    set_policy(SCHED_FIFO, t->prio);
    set_affinity(t->vcpu);
    await_start();
    int64_t iters = t->wcet * 1000 / ps_per_iter;
    int64_t end = t0 + duration;
    for (int64_t release = t0 + t->offset; release < end && t->njobs < t->max_jobs; release += t->period) {
        struct job *j = &t->jobs[t->njobs];
        j->release = release;
        j->completion = -1;
        int64_t n = now_ns();
        if (n < release) sleep_until(release);
        j->start = now_ns();
        __atomic_store_n(&t->njobs, t->njobs + 1, __ATOMIC_RELEASE);
        spin(iters);
        __atomic_store_n(&j->completion, now_ns(), __ATOMIC_RELEASE);
    }
    return NULL;
}

static int64_t parse_i64(const char *s, const char *field) {
    char *e;
    errno = 0;
    long long v = strtoll(s, &e, 10);
    if (errno || e == s || (*e && *e != ':')) {
        fprintf(stderr, "rtxen-load: bad %s in '%s'\n", field, s);
        exit(2);
    }
    return v;
}

static void parse_task(const char *spec) {
    if (ntasks == MAX_TASKS) die("too many tasks");
    struct task *t = &tasks[ntasks++];
    const char *f[7];
    f[0] = spec;
    for (int i = 1; i < 7; i++) {
        const char *c = strchr(f[i - 1], ':');
        if (!c) die("rtxen.task needs NAME:PERIOD:WCET:DEADLINE:OFFSET:PRIO:VCPU");
        f[i] = c + 1;
    }
    size_t len = (size_t)(f[1] - f[0] - 1);
    if (len == 0 || len >= sizeof t->name) die("bad task name");
    memcpy(t->name, f[0], len);
    t->period = parse_i64(f[1], "period");
    t->wcet = parse_i64(f[2], "wcet");
    t->deadline = parse_i64(f[3], "deadline");
    t->offset = parse_i64(f[4], "offset");
    t->prio = (int)parse_i64(f[5], "priority");
    t->vcpu = (int)parse_i64(f[6], "vcpu");
    if (t->period <= 0 || t->wcet <= 0 || t->deadline <= 0 || t->offset < 0) die("task times must be positive");
    if (t->prio < 1 || t->prio > 98) die("task priority must be 1..98");
}

int main(int argc, char **argv) {
    int hog = 0;
    for (int i = 1; i < argc; i++) {
        if (!strncmp(argv[i], "rtxen.duration=", 15)) duration = parse_i64(argv[i] + 15, "duration");
        else if (!strcmp(argv[i], "rtxen.hog=1")) hog = 1;
        else if (!strncmp(argv[i], "rtxen.task=", 11)) parse_task(argv[i] + 11);
    }
    if (duration <= 0) die("rtxen.duration=NS is required");
    if (mlockall(MCL_CURRENT | MCL_FUTURE) != 0) perror("rtxen-load: mlockall");
    setvbuf(stdout, NULL, _IOFBF, 1 << 16);

    /* Calibrate at the highest priority so guest threads cannot interrupt it. */
    struct sched_param top = { .sched_priority = 99 };
    if (sched_setscheduler(0, SCHED_FIFO, &top) != 0) die("SCHED_FIFO refused (root? RT throttling?)");
    calibrate();

    for (int i = 0; i < ntasks; i++) {
        struct task *t = &tasks[i];
        t->max_jobs = (size_t)((duration - t->offset) / t->period + 2);
        t->jobs = calloc(t->max_jobs, sizeof *t->jobs);
        if (!t->jobs) die("out of memory");
    }
    int ncpu = (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (ncpu > MAX_CPUS) ncpu = MAX_CPUS;
    pthread_t hogs[MAX_CPUS];
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 1 << 16);
    if (hog)
        for (int c = 0; c < ncpu; c++)
            if (pthread_create(&hogs[c], &attr, hog_main, (void *)(intptr_t)c) != 0) die("pthread_create failed");
    for (int i = 0; i < ntasks; i++)
        if (pthread_create(&tasks[i].thread, &attr, task_main, &tasks[i]) != 0) die("pthread_create failed");

    /* Wait for dom0's start signal, a line "go" written to this guest's console, so that every guest of a
     * scenario starts within a few ms of the others however long each took to boot. */
    printf("rtxen-load: calibration %" PRId64 "\nrtxen-load: ready\n", ps_per_iter);
    fflush(stdout);
    char line[64];
    while (next_line(line, sizeof line, INT64_MAX) > 0 && !strstr(line, "go")) {
    }
    pthread_mutex_lock(&gate_lock);
    t0 = now_ns() + 1000000;          /* 1 ms from now: every thread has left the gate by then */
    started = 1;
    pthread_cond_broadcast(&gate_open);
    pthread_mutex_unlock(&gate_lock);
    printf("rtxen-load: go T0=%" PRId64 "\n", t0);
    fflush(stdout);
    /* This thread waits at priority 99 for dom0's lines until "stop" or the duration; it then reads the job records. */
    int got;
    while ((got = next_line(line, sizeof line, t0 + duration)) > 0 && !strstr(line, "stop")) {
        if (strstr(line, "mark")) printf("rtxen-load: mark T=%" PRId64 "\n", now_ns() - t0);
    }
    if (got < 0) sleep_until(t0 + duration);          /* no console: run for the duration */
    int64_t end = now_ns();
    stop_hogs = 1;

    for (int i = 0; i < ntasks; i++) {
        struct task *t = &tasks[i];
        size_t completed = 0, misses = 0;
        int64_t rmin = INT64_MAX, rmax = 0, rsum = 0;
        size_t njobs = __atomic_load_n(&t->njobs, __ATOMIC_ACQUIRE);
        for (size_t k = 0; k < njobs; k++) {
            struct job *j = &t->jobs[k];
            int64_t c = __atomic_load_n(&j->completion, __ATOMIC_ACQUIRE);   /* -1 while the job still runs */
            printf("J %s %zu %" PRId64 " %" PRId64 " %" PRId64 "\n", t->name, k, j->release - t0, j->start - t0,
                   c < 0 ? -1 : c - t0);
            if (c < 0) {
                if (end > j->release + t->deadline) misses++;
                continue;
            }
            int64_t r = c - j->release;
            completed++;
            if (r > t->deadline) misses++;
            if (r < rmin) rmin = r;
            if (r > rmax) rmax = r;
            rsum += r;
        }
        printf("T %s jobs=%zu completed=%zu misses=%zu resp_min=%" PRId64 " resp_mean=%" PRId64
               " resp_max=%" PRId64 "\n", t->name, njobs, completed, misses, completed ? rmin : 0,
               completed ? rsum / (int64_t)completed : 0, rmax);
    }
    printf("rtxen-load: done\n");
    fflush(stdout);
    return 0;
}
