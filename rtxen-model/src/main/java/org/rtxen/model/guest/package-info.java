/** Guest OS workload specifications: periodic real-time tasks, guest scheduler and placement. */
package org.rtxen.model.guest;
