package org.telesynth.audit;

/** A check's outcome: PASS, WARN (close to its limit, or not measurable here) or FAIL (past its limit). INFO has no gate. */
public enum Verdict { PASS, WARN, FAIL, INFO }
