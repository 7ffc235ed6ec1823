/** The rtxen Java API: {@link org.rtxen.api.Rtxen}, one entry point per job of the command line. */
package org.rtxen.api;
