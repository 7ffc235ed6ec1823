/** Run-time changes of a scenario (the top-level {@code commands} list), each applied at its simulated time. */
package org.rtxen.model.command;
