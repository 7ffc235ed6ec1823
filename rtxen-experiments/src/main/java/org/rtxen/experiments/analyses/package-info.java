/** The analyses a sweep can record per run, by name, and the checks that a sweep may ask for them. */
package org.rtxen.experiments.analyses;
