package org.rtxen.model.guest;

/** How long each job of a task executes. */
public sealed interface ExecTimeModel permits ExecTimeModel.Wcet, ExecTimeModel.Uniform {
    /** Every job runs for exactly its WCET. */
    record Wcet() implements ExecTimeModel {}

    /** Each job runs for a whole number of ns drawn uniformly from [bcetNs, wcet], from the task's own seeded stream. */
    record Uniform(long bcetNs) implements ExecTimeModel {}
}
