-- Programs: planned journeys (a trigger, then steps) kept as versions;
-- customers inside a version (enrollments) move on durable timer jobs.
-- The log answers "why did this customer get this message?"; messages
-- carry the guardrails' counts (frequency caps). Times are Unix ms.

CREATE TABLE programs (
  id           INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name         TEXT    NOT NULL,
  status       TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'paused', 'archived')),
  version      INTEGER NOT NULL DEFAULT 1,
  trigger_kind TEXT    NOT NULL,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  UNIQUE (workspace_id, name)
);
CREATE INDEX programs_active ON programs (workspace_id, status, trigger_kind);

CREATE TABLE program_versions (
  program_id INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
  version    INTEGER NOT NULL,
  body       TEXT    NOT NULL,
  created_by TEXT    NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  PRIMARY KEY (program_id, version)
);

CREATE TABLE program_enrollments (
  id           INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  program_id   INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
  version      INTEGER NOT NULL,
  customer_id  INTEGER NOT NULL REFERENCES customers(id),
  state        TEXT    NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'completed', 'converted', 'exited')),
  step         TEXT    NOT NULL DEFAULT '',
  seq          INTEGER NOT NULL DEFAULT 0,
  waiting_for  TEXT    NOT NULL DEFAULT '',
  due_at       INTEGER,
  goal_until   INTEGER,
  context      TEXT    NOT NULL DEFAULT '{}',
  exit_reason  TEXT    NOT NULL DEFAULT '',
  entered_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  ended_at     INTEGER
);
CREATE UNIQUE INDEX program_enrollments_active ON program_enrollments (program_id, customer_id) WHERE state = 'active';
CREATE INDEX program_enrollments_customer ON program_enrollments (customer_id, state);
CREATE INDEX program_enrollments_program ON program_enrollments (program_id, state, step);

CREATE TABLE program_log (
  id            INTEGER PRIMARY KEY,
  workspace_id  INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  enrollment_id INTEGER NOT NULL REFERENCES program_enrollments(id) ON DELETE CASCADE,
  program_id    INTEGER NOT NULL,
  version       INTEGER NOT NULL,
  customer_id   INTEGER NOT NULL,
  step          TEXT    NOT NULL DEFAULT '',
  kind          TEXT    NOT NULL,
  detail        TEXT    NOT NULL DEFAULT '',
  at            INTEGER NOT NULL
);
CREATE INDEX program_log_enrollment ON program_log (enrollment_id, id);
CREATE INDEX program_log_program ON program_log (program_id, version, step, kind);

CREATE TABLE program_messages (
  id            INTEGER PRIMARY KEY,
  workspace_id  INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  enrollment_id INTEGER NOT NULL REFERENCES program_enrollments(id) ON DELETE CASCADE,
  customer_id   INTEGER NOT NULL,
  step          TEXT    NOT NULL,
  channel       TEXT    NOT NULL,
  purpose       TEXT    NOT NULL DEFAULT 'promotional',
  status        TEXT    NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'suppressed', 'failed')),
  body          TEXT    NOT NULL DEFAULT '{}',
  detail        TEXT    NOT NULL DEFAULT '',
  created_at    INTEGER NOT NULL,
  sent_at       INTEGER,
  UNIQUE (enrollment_id, step)
);
CREATE INDEX program_messages_caps ON program_messages (customer_id, channel, sent_at) WHERE status = 'sent';

-- Per program and customer: the date a date trigger planned, or whether
-- the customer is in a segment trigger's segment.
CREATE TABLE program_marks (
  program_id  INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
  customer_id INTEGER NOT NULL,
  mark        TEXT    NOT NULL,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (program_id, customer_id)
);

CREATE TABLE program_lists (
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  list         TEXT    NOT NULL,
  customer_id  INTEGER NOT NULL,
  added_at     INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, list, customer_id)
);

CREATE TABLE program_settings (
  workspace_id INTEGER PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
  body         TEXT    NOT NULL,
  updated_at   INTEGER NOT NULL
);
