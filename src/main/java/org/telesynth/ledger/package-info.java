/**
 * The privacy-budget ledger: one {@link org.telesynth.ledger.Ledger} interface, a file backend (the embedded
 * default) and a PostgreSQL backend for teams, the same contract on both (cap, refusal, policy, history,
 * concurrency, crashes), the per-release {@link org.telesynth.ledger.BudgetPolicy} and the one-way
 * {@link org.telesynth.ledger.LedgerMigration} from a file ledger to a shared one. docs/budget.md.
 */
package org.telesynth.ledger;
