package org.rtxen.engine.codec;

import org.rtxen.model.params.SchedParams;

/**
 * Domain parameters that are a proportional-share weight and a cap in percent of one pCPU per VCPU, as xl's
 * {@code -w} and {@code -c} set them; {@link WeightCapCodec} reads, writes and parses them for such a policy.
 */
public interface WeightCap extends SchedParams {
    /** The weight, 1..the policy's maximum. */
    int weight();

    /** The cap in percent of one pCPU, 0 (none) ..100 per VCPU. */
    int cap();
}
