/** The edge: readers that turn user files into validated model records, and writers of results and commands. */
package org.rtxen.io;
