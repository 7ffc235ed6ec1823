package org.rtxen.engine.machine;

/** How the framework tells the guest OS model when a VCPU executes guest code (spec M4). */
public interface GuestHooks {
    /** {@code v} executes guest code from time {@code from} (now, or later when framework overheads are charged first). */
    void resumed(Vcpu v, long from);

    /** {@code v} stops executing guest code at {@code now} (switched out, or a schedule overhead starts). */
    void stopped(Vcpu v, long now);

    /** Domain {@code d}, whose start is after boot, was created at {@code now}: its guest starts now. */
    default void domainCreated(Domain d, long now) {}

    /** Domain {@code d} is being destroyed at {@code now}: its guest stops (no more releases). */
    default void domainDestroyed(Domain d, long now) {}

    /** Hooks for a host without guests: nothing happens. */
    GuestHooks NONE = new GuestHooks() {
        @Override
        public void resumed(Vcpu v, long from) {}

        @Override
        public void stopped(Vcpu v, long now) {}
    };
}
