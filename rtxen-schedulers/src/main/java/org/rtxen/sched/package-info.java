/** The registry of Xen scheduling policies ({@link org.rtxen.sched.Schedulers}); each policy lives in a sub-package. */
package org.rtxen.sched;
