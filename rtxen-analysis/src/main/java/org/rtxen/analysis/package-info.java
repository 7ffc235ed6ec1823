/**
 * Compositional schedulability analysis as pure functions over exact integers and rationals: demand, resource
 * models and their supply bound functions, component interfaces and host-level tests. Depends on the model only.
 */
package org.rtxen.analysis;
