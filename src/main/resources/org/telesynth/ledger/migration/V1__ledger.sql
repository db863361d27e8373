-- The shared privacy ledger (docs/budget.md). One row per (organisation, dataset) in privacy_budgets, updated
-- only inside a transaction that holds its row lock; every charge in privacy_entries; every attempt, whatever its
-- outcome, in the append-only privacy_audit_log.
CREATE TABLE privacy_budgets (
    org_id        TEXT             NOT NULL,
    dataset_id    TEXT             NOT NULL,
    dataset       TEXT             NOT NULL,
    cap_epsilon   DOUBLE PRECISION NOT NULL CHECK (cap_epsilon > 0 AND cap_epsilon < 'Infinity'),
    cap_delta     DOUBLE PRECISION NOT NULL CHECK (cap_delta >= 0 AND cap_delta < 1),
    spent_epsilon DOUBLE PRECISION NOT NULL DEFAULT 0 CHECK (spent_epsilon >= 0),
    spent_delta   DOUBLE PRECISION NOT NULL DEFAULT 0 CHECK (spent_delta >= 0),
    version       BIGINT           NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ      NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, dataset_id)
);

CREATE TABLE privacy_entries (
    org_id         TEXT             NOT NULL,
    dataset_id     TEXT             NOT NULL,
    seq            INTEGER          NOT NULL,
    run_id         TEXT             NOT NULL,
    method         TEXT             NOT NULL,
    events         TEXT             NOT NULL,
    epsilon        DOUBLE PRECISION NOT NULL CHECK (epsilon >= 0),
    delta          DOUBLE PRECISION NOT NULL CHECK (delta >= 0 AND delta < 1),
    parameter_hash TEXT             NOT NULL,
    charged_at     TEXT             NOT NULL,
    seeded         BOOLEAN          NOT NULL,
    outcome        TEXT             NOT NULL CHECK (outcome IN ('charged', 'released')),
    PRIMARY KEY (org_id, dataset_id, seq),
    FOREIGN KEY (org_id, dataset_id) REFERENCES privacy_budgets (org_id, dataset_id)
);

CREATE TABLE privacy_audit_log (
    id             BIGSERIAL        PRIMARY KEY,
    org_id         TEXT             NOT NULL,
    dataset_id     TEXT             NOT NULL,
    run_id         TEXT             NOT NULL,
    method         TEXT             NOT NULL,
    events         TEXT             NOT NULL,
    epsilon        DOUBLE PRECISION NOT NULL,
    delta          DOUBLE PRECISION NOT NULL,
    parameter_hash TEXT             NOT NULL,
    user_name      TEXT             NOT NULL,
    host           TEXT             NOT NULL,
    at             TEXT             NOT NULL,
    seeded         BOOLEAN          NOT NULL,
    outcome        TEXT             NOT NULL CHECK (outcome IN ('charged', 'refused', 'rolled_back', 'migrated')),
    detail         TEXT             NOT NULL DEFAULT ''
);
CREATE INDEX privacy_audit_log_dataset ON privacy_audit_log (org_id, dataset_id, id);

-- the log is append-only: no row is ever changed or removed
CREATE FUNCTION privacy_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'privacy_audit_log is append-only';
END $$;
CREATE TRIGGER privacy_audit_log_append_only BEFORE UPDATE OR DELETE ON privacy_audit_log
    FOR EACH ROW EXECUTE FUNCTION privacy_audit_log_append_only();

CREATE TABLE privacy_policies (
    org_id      TEXT    NOT NULL,
    dataset_id  TEXT    NOT NULL,
    policy      TEXT    NOT NULL,
    recorded_at TEXT    NOT NULL,
    PRIMARY KEY (org_id, dataset_id),
    FOREIGN KEY (org_id, dataset_id) REFERENCES privacy_budgets (org_id, dataset_id)
);
