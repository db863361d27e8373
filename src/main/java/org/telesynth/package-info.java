/**
 * telesynth: differentially private synthetic telemetry tables. The root holds what every package shares: the
 * exceptions that map to exit codes ({@link org.telesynth.BadInputException}, {@link org.telesynth.BudgetRefusedException}),
 * {@link org.telesynth.Progress} and the version. It depends on nothing else in the project.
 */
package org.telesynth;
