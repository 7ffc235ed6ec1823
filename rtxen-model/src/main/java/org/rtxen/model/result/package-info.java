/** Result records of a simulation run, shared by the engine that produces them and the writers that print them. */
package org.rtxen.model.result;
