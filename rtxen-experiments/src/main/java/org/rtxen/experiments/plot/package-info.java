/** A sweep's figures (JFreeChart, JFreeSVG): schedulability, weighted schedulability, miss ratio, response-time CDF. */
package org.rtxen.experiments.plot;
