package org.rtxen.sched.credit;

import java.util.BitSet;
import org.rtxen.engine.machine.CpuMask;

/**
 * One VCPU's affinity mask as a {@link BitSet}, so that Credit's mask arithmetic runs a word of pCPUs at a time. It
 * is rebuilt only when the VCPU's mask object changes (an affinity change), so using it allocates nothing.
 */
final class MaskBits {
    private final BitSet bits;
    private CpuMask source;

    /** Bits for a host of {@code cpus} pCPUs. */
    MaskBits(int cpus) {
        bits = new BitSet(cpus);
    }

    /** {@code mask} as bits; valid until the next call. */
    BitSet of(CpuMask mask) {
        if (mask != source) {
            bits.clear();
            bits.or(mask.toBitSet());
            source = mask;
        }
        return bits;
    }
}
