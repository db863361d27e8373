/**
 * {@code sweep}: methods x epsilons x seeds on one dataset, each cell a seeded release in its own JVM, charged to a
 * study ledger (or to a named one whose cap admits the whole sweep), resumable cell by cell, with a tidy results
 * table and a page of privacy-utility and cost curves. A sweep reads real data (answers, fidelity), so all it
 * writes is private, like {@code compare}'s report. Depends on pipeline (the shared stage engine) and below.
 */
package org.telesynth.sweep;
