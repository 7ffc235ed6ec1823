package org.rtxen.analysis.host;

import org.rtxen.analysis.Reason;

/**
 * The verdict of one host-level test.
 *
 * @param test        the test's short name (gfb, bak, bcl, bcl-iter, rta, edf, fp, partitioned-…)
 * @param schedulable whether the test proves the set schedulable (false also when the test cannot tell)
 * @param assumption  what the verdict rests on, e.g. "sporadic tasks" or "deferrable servers (jitter Π − Θ)"
 * @param reason      why it fails (the first failing task or bound, durations in the tasks' time unit); empty
 *                    when schedulable
 */
public record TestResult(String test, boolean schedulable, String assumption, Reason reason) {}
