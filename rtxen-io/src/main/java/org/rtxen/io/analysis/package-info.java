/**
 * Analysis inputs and outputs: CARTS input and output XML (JDK javax.xml only), the plain task-set YAML, and the JSON
 * report of interfaces and tests.
 */
package org.rtxen.io.analysis;
