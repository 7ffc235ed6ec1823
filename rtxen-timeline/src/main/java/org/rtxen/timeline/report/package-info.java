/**
 * The self-contained HTML report of {@code rtxen report}: {@link org.rtxen.timeline.report.HtmlReport} writes one
 * page with the verdict, tables and the run's trace-event timeline, drawn in the browser by inline plain JavaScript
 * and SVG (no network access, no library).
 */
package org.rtxen.timeline.report;
