package org.rtxen.workload;

import java.util.Locale;
import org.rtxen.model.Quoted;
import org.rtxen.model.Time;

/** The period ranges RT-Xen's generator names (spec analysis.md section 2.6), in milliseconds. */
public enum NamedPeriodRange {
    /** 550..650 ms. */
    NARROW(550, 650),
    /** 350..850 ms. */
    MODERATE(350, 850),
    /** 100..1000 ms. */
    WIDE(100, 1000);

    private final long minMs;
    private final long maxMs;

    NamedPeriodRange(long minMs, long maxMs) {
        this.minMs = minMs;
        this.maxMs = maxMs;
    }

    /** The lower end (ns). */
    public long minNs() {
        return minMs * Time.MS;
    }

    /** The upper end (ns). */
    public long maxNs() {
        return maxMs * Time.MS;
    }

    /** The name in files and options: narrow, moderate, wide. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The range with this label. */
    public static NamedPeriodRange byLabel(String s) {
        for (NamedPeriodRange r : values()) if (r.label().equals(s)) return r;
        throw new IllegalArgumentException("unknown period range " + Quoted.of(s) + " (known: narrow, moderate, wide)");
    }
}
