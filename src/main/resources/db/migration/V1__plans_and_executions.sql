-- The service's own store. Portable between H2 (the embedded default) and PostgreSQL (production):
-- uuid, text and timestamp with time zone mean the same in both.

CREATE TABLE delete_plan (
    id              UUID                     NOT NULL,
    target          VARCHAR(128)             NOT NULL,
    table_name      VARCHAR(512)             NOT NULL,
    keys_json       TEXT                     NOT NULL,
    mode            VARCHAR(32)              NOT NULL,
    overrides_json  TEXT,
    status          VARCHAR(32)              NOT NULL,
    token_hash      VARCHAR(128)             NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    principal       VARCHAR(256),
    plan_json       TEXT                     NOT NULL,
    fingerprint     VARCHAR(128)             NOT NULL,
    version         BIGINT                   NOT NULL,
    CONSTRAINT delete_plan_pkey PRIMARY KEY (id)
);
CREATE INDEX delete_plan_status_expires_idx ON delete_plan (status, expires_at);

CREATE TABLE execution (
    id           UUID                     NOT NULL,
    plan_id      UUID                     NOT NULL,
    target       VARCHAR(128)             NOT NULL,
    principal    VARCHAR(256),
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at  TIMESTAMP WITH TIME ZONE,
    status       VARCHAR(32)              NOT NULL,
    counts_json  TEXT,
    error        TEXT,
    CONSTRAINT execution_pkey PRIMARY KEY (id),
    CONSTRAINT execution_plan_id_fkey FOREIGN KEY (plan_id) REFERENCES delete_plan (id)
);
CREATE INDEX execution_plan_id_idx ON execution (plan_id);
CREATE INDEX execution_target_started_idx ON execution (target, started_at);
CREATE INDEX execution_started_idx ON execution (started_at);
