package org.rtxen.model;

/** The physical machine: pCPUs numbered 0..pcpus()-1 socket-major, then core, then thread. */
public record HostSpec(int sockets, int coresPerSocket, int threadsPerCore) {
    /** Validates that every dimension is positive. */
    public HostSpec {
        if (sockets < 1 || coresPerSocket < 1 || threadsPerCore < 1) {
            throw new IllegalArgumentException("host dimensions must be positive");
        }
    }

    /** A flat host of n single-threaded cores on one socket. */
    public static HostSpec flat(int pcpus) {
        return new HostSpec(1, pcpus, 1);
    }

    /** The number of pCPUs. */
    public int pcpus() {
        return sockets * coresPerSocket * threadsPerCore;
    }
}
