/**
 * The registry of Xen scheduling policies ({@link org.rtxen.sched.Schedulers}): one line per policy pairing its codec
 * with its scheduler's factory. Each policy lives in a sub-package with its scheduler, its parameter records and its
 * codec; nothing outside that sub-package but the registry names them.
 */
package org.rtxen.sched;
