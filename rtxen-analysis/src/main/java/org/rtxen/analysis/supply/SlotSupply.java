package org.rtxen.analysis.supply;

import org.rtxen.analysis.Rational;

/**
 * The exact supply of a static slot table (ARINC 653): a partition runs in fixed intervals [start, end) of every
 * major frame F, repeated forever. Its supply bound function is the least supply any window of length t receives:
 * sbf(t) = min over the ends e_i of the intervals of the supply in [e_i, e_i + t], because moving a window's start
 * forward inside an interval, or backward inside a gap, never increases its supply.
 *
 * <p>Each interval may lose {@code loss} to scheduling overheads at unknown instants inside it. A window then gets
 * at least max(0, overlap − loss) from each interval it meets, and the least such bound is reached by a window that
 * starts {@code loss} before an interval's end (from there its first interval gives nothing and its end is as early
 * as it can be): sbf(t) = min_i supply of the intervals, each shortened by its loss at its start, in
 * [e_i, e_i + t − loss_i]. With no loss this is the exact sbf above. Times are integers (ns); the intervals must lie
 * in [0, F), sorted, not overlapping.
 */
public final class SlotSupply {
    private final long frame;
    private final long[] start;
    private final long[] end;
    private final long[] loss;
    private final long perFrame;

    /** The supply of intervals [start_i, end_i) of every frame, each losing loss_i. */
    public SlotSupply(long frame, long[] start, long[] end, long[] loss) {
        if (frame <= 0) throw new IllegalArgumentException("frame must be positive");
        this.frame = frame;
        this.start = start.clone();
        this.end = end.clone();
        this.loss = loss.clone();
        long sum = 0;
        for (int i = 0; i < start.length; i++) {
            if (start[i] < 0 || end[i] > frame || start[i] >= end[i] || (i > 0 && start[i] < end[i - 1])) {
                throw new IllegalArgumentException("intervals must be sorted, disjoint and inside the frame");
            }
            sum += Math.max(0, end[i] - start[i] - loss[i]);
        }
        this.perFrame = sum;
    }

    /** The major frame F. */
    public long frame() {
        return frame;
    }

    /** Guaranteed supply per frame: Σ max(0, length − loss). */
    public long perFrame() {
        return perFrame;
    }

    /** The long-run bandwidth: supply per frame / F. */
    public Rational rate() {
        return Rational.of(perFrame, frame);
    }

    /** The least supply in any window of length t ≥ 0. */
    public long sbf(long t) {
        if (perFrame == 0) return 0;
        long least = Long.MAX_VALUE;
        for (int i = 0; i < start.length; i++) {
            long from = end[i];
            long len = t - loss[i];
            least = Math.min(least, len <= 0 ? 0 : cumulative(from + len) - cumulative(from));
        }
        return least;
    }

    /**
     * The offset B of the linear lower bound rate·t − B ≤ sbf(t): the largest rate·t − sbf(t), reached where some
     * window's supply resumes after a gap (t = loss_i + (effective start_j − e_i) mod F, or t = loss_i).
     */
    public Rational lsbfOffset() {
        Rational rate = rate();
        Rational best = Rational.ZERO;
        for (int i = 0; i < start.length; i++) {
            best = best.max(rate.multiply(loss[i]).subtract(Rational.of(sbf(loss[i]))));
            for (int j = 0; j < start.length; j++) {
                long effectiveStart = start[j] + loss[j];
                if (effectiveStart >= end[j]) continue;
                long t = loss[i] + Math.floorMod(effectiveStart - end[i], frame);
                best = best.max(rate.multiply(t).subtract(Rational.of(sbf(t))));
            }
        }
        return best;
    }

    /** Effective supply in [0, x): whole frames plus the intervals (shortened by their loss) before x mod F. */
    private long cumulative(long x) {
        long frames = Math.floorDiv(x, frame);
        long r = x - frames * frame;
        long sum = Math.multiplyExact(frames, perFrame);
        for (int i = 0; i < start.length; i++) {
            long s = start[i] + loss[i];
            if (r > s && s < end[i]) sum += Math.min(r, end[i]) - s;
        }
        return sum;
    }
}
