/**
 * One run of a sweep: {@link org.rtxen.experiments.run.RunOne#run} turns a run spec into a
' * {@link org.rtxen.experiments.run.RunResult} row (analyses' verdicts, simulated outcome, soundness check), the same
 * on any machine and in any process.
 */
package org.rtxen.experiments.run;
