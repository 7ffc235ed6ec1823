package org.rtxen.sched.arinc653;

import org.rtxen.model.params.SlotTable;

/** One ARINC653 schedule entry: a domain's VCPU runs for {@code runtimeNs} (A3.1). */
public record Arinc653Slot(String domain, int vcpu, long runtimeNs) implements SlotTable.Slot {}
