/**
 * compare: scoring synthetic answers against real ones (the peer score, errors, coverage) and the JSON, Markdown
 * and HTML reports. Its outputs hold real statistics and are private. Depends on bench, io and schema.
 */
package org.telesynth.report;
