/*
 * rtxen-a653: sets the ARINC 653 schedule of a cpupool (xl 4.17 has no command for it).
 *   rtxen-a653 POOL_ID MAJOR_FRAME_NS UUID:VCPU:RUNTIME_NS...
 * Each slot names a domain by its UUID (xenstore-read /local/domain/ID/vm gives /vm/UUID), the VCPU and its
 * runtime per major frame; slots run in the order given. Built against Debian's libxen-dev of the same version
 * as dom0's tools and run in dom0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xenctrl.h>

static int parse_uuid(const char *s, uint8_t out[16]) {
    int n = 0;
    for (; *s && n < 16; s++) {
        if (*s == '-') continue;
        unsigned v;
        if (sscanf(s, "%2x", &v) != 1) return -1;
        out[n++] = (uint8_t)v;
        s++;
    }
    return n == 16 ? 0 : -1;
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: %s POOL_ID MAJOR_FRAME_NS UUID:VCPU:RUNTIME_NS...\n", argv[0]);
        return 2;
    }
    struct xen_sysctl_arinc653_schedule sched;
    memset(&sched, 0, sizeof sched);
    uint32_t pool = (uint32_t)strtoul(argv[1], NULL, 10);
    sched.major_frame = strtoull(argv[2], NULL, 10);
    if (argc - 3 > ARINC653_MAX_DOMAINS_PER_SCHEDULE) {
        fprintf(stderr, "rtxen-a653: at most %d slots\n", ARINC653_MAX_DOMAINS_PER_SCHEDULE);
        return 2;
    }
    for (int i = 3; i < argc; i++) {
        char uuid[64];
        unsigned vcpu;
        unsigned long long runtime;
        if (sscanf(argv[i], "%63[^:]:%u:%llu", uuid, &vcpu, &runtime) != 3 ||
            parse_uuid(uuid, sched.sched_entries[i - 3].dom_handle) != 0) {
            fprintf(stderr, "rtxen-a653: bad slot '%s' (want UUID:VCPU:RUNTIME_NS)\n", argv[i]);
            return 2;
        }
        sched.sched_entries[i - 3].vcpu_id = vcpu;
        sched.sched_entries[i - 3].runtime = runtime;
    }
    sched.num_sched_entries = (uint8_t)(argc - 3);
    xc_interface *xch = xc_interface_open(NULL, NULL, 0);
    if (!xch) {
        perror("rtxen-a653: xc_interface_open");
        return 1;
    }
    int rc = xc_sched_arinc653_schedule_set(xch, pool, &sched);
    if (rc) perror("rtxen-a653: xc_sched_arinc653_schedule_set");
    xc_interface_close(xch);
    return rc ? 1 : 0;
}
