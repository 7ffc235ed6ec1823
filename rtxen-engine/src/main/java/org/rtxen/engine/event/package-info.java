/**
 * The discrete-event kernel: the deterministic {@link org.rtxen.engine.event.EventQueue} of reusable
 * {@link org.rtxen.engine.event.Timer}s, the same-time event order {@link org.rtxen.engine.event.EventClass} and the
 * seeded {@link org.rtxen.engine.event.RandomStreams}, and the {@link org.rtxen.engine.event.IndexedHeap} and timing wheel
 * under the queue.
 * Depends on nothing else in the engine.
 */
package org.rtxen.engine.event;
