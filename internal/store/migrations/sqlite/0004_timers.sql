-- Durable scheduled work: a job of a kind with a JSON payload, due at a
-- time, claimed by one node under a lease, retried with backoff.

CREATE TABLE timer_jobs (
  id           INTEGER PRIMARY KEY,
  kind         TEXT    NOT NULL,
  key          TEXT    UNIQUE,
  payload      TEXT    NOT NULL DEFAULT '{}',
  state        TEXT    NOT NULL DEFAULT 'ready' CHECK (state IN ('ready', 'done', 'failed')),
  due_at       INTEGER NOT NULL,
  attempts     INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL DEFAULT 8,
  claimed_by   TEXT    NOT NULL DEFAULT '',
  lease_until  INTEGER NOT NULL DEFAULT 0,
  last_error   TEXT    NOT NULL DEFAULT '',
  created_at   INTEGER NOT NULL,
  finished_at  INTEGER
);
CREATE INDEX timer_jobs_due ON timer_jobs (due_at) WHERE state = 'ready';
CREATE INDEX timer_jobs_kind ON timer_jobs (kind, state);
