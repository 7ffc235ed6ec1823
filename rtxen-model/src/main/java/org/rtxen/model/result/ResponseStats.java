package org.rtxen.model.result;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Response-time statistics over completed jobs, in ns; all zero when no job completed. The sum is exact (a run's
 * responses can add up past a {@code long}), so the mean is computed once, from it, without a double.
 */
public record ResponseStats(long count, long minNs, BigInteger sumNs, long p99Ns, long maxNs) {
    /** Decimals of {@link #meanNs()}: every mean over a count dividing 10^9 is exact. */
    public static final int MEAN_DECIMALS = 9;

    /** No completed job. */
    public static final ResponseStats EMPTY = new ResponseStats(0, 0, BigInteger.ZERO, 0, 0);

    /** The mean response time: sumNs/count rounded half-even to {@value #MEAN_DECIMALS} decimals, no trailing zeros. */
    public BigDecimal meanNs() {
        if (count == 0) return BigDecimal.ZERO;
        BigDecimal mean = new BigDecimal(sumNs).divide(BigDecimal.valueOf(count), MEAN_DECIMALS, RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
        return mean.scale() < 0 ? mean.setScale(0) : mean;
    }
}
