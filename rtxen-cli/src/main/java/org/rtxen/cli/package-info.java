/** The picocli command line: parses options, calls readers, engine and analysis, and prints results. */
package org.rtxen.cli;
