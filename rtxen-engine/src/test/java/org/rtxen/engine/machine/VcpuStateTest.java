package org.rtxen.engine.machine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.model.params.SchedParams;

/** The state predicates of {@link Vcpu} and {@link Pcpu} that policies read (F4, F13, M3). */
class VcpuStateTest {
    private final Domain domain = new Domain(1, new DomainSpec("vm", false, "P", 1, new SchedParams() {}, List.of(),
            GuestSpec.IDLE), null);
    private final Vcpu v = new Vcpu(0, domain, 0, false);
    private final Vcpu idle = new Vcpu(1, null, 0, true);
    private final Pcpu p = new Pcpu(0, 0, 0, 0, 0);

    /** F4: runnable iff no pause flag (blocked, migrating), no pause of its own and no pause of its domain. */
    @Test
    void isRunnable_eachPauseReasonAlone_makesItNotRunnable() {
        assertFalse(v.isRunnable()); // a new VCPU starts blocked
        v.blocked = false;
        assertTrue(v.isRunnable());
        v.migrating = true;
        assertFalse(v.isRunnable());
        v.migrating = false;
        v.pauseCount = 1;
        assertFalse(v.isRunnable());
        assertTrue(v.isPaused());
        v.pauseCount = 0;
        assertFalse(v.isPaused());
        domain.pauseCount = 1;
        assertFalse(v.isRunnable());
        assertFalse(v.isPaused()); // its domain's pause is not its own
    }

    /** F13: an idle VCPU has no domain and is always runnable and running. */
    @Test
    void isRunnable_idleVcpu_isRunnableAndRunning() {
        assertTrue(idle.isRunnable());
        assertTrue(idle.isRunning());
        assertFalse(v.isRunning());
    }

    /** A pCPU is idle exactly while its current VCPU is its idle VCPU; it is switching while a context is unsaved (M3). */
    @Test
    void isIdleIsSwitchingAndIsCurrent_followTheCurrentVcpu() {
        p.idle = p.current = idle;
        idle.processor = p;
        assertTrue(p.isIdle());
        assertFalse(p.isSwitching());
        assertFalse(v.isCurrent()); // no processor yet
        v.processor = p;
        assertFalse(v.isCurrent());
        p.current = v;
        p.switchingOut = idle;
        assertFalse(p.isIdle());
        assertTrue(p.isSwitching());
        assertTrue(v.isCurrent());
        assertFalse(idle.isCurrent());
    }
}
