/**
 * Resource models and their supply bound functions (sbf: the least supply in any window of length t) with linear
 * lower bounds: periodic PRM (Shin &amp; Lee 2003), explicit-deadline periodic EDP (Easwaran, Anand, Lee 2007),
 * multiprocessor periodic MPR (Easwaran, Shin, Lee 2009; improved sbf of Xu et al. 2013) and DMPR.
 */
package org.rtxen.analysis.supply;
