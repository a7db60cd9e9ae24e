-- Close the loop: teams and their members, loop rules, per-workspace loop
-- settings (business calendar, root causes, deadlines, webhook), follow-up
-- cases with notes, and the alerts they send. Times are Unix ms.

CREATE TABLE teams (
  id           INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name         TEXT    NOT NULL,
  lead_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  webhook_url  TEXT    NOT NULL DEFAULT '',
  rr_next      INTEGER NOT NULL DEFAULT 0,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  UNIQUE (workspace_id, name)
);

CREATE TABLE team_members (
  team_id      INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  PRIMARY KEY (team_id, user_id)
);

CREATE TABLE loop_rules (
  id           INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name         TEXT    NOT NULL,
  enabled      BOOLEAN NOT NULL DEFAULT TRUE,
  position     INTEGER NOT NULL DEFAULT 0,
  body         TEXT    NOT NULL,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  UNIQUE (workspace_id, name)
);

CREATE TABLE loop_settings (
  workspace_id INTEGER PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
  body         TEXT    NOT NULL,
  updated_at   INTEGER NOT NULL
);

CREATE TABLE cases (
  id                 INTEGER PRIMARY KEY,
  workspace_id       INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  customer_id        INTEGER NOT NULL REFERENCES customers(id),
  reason             TEXT    NOT NULL,
  title              TEXT    NOT NULL DEFAULT '',
  rule_id            INTEGER,
  status             TEXT    NOT NULL DEFAULT 'new'
    CHECK (status IN ('new', 'in_progress', 'waiting_on_customer', 'resolved', 'closed')),
  priority           INTEGER NOT NULL DEFAULT 1 CHECK (priority BETWEEN 0 AND 3),
  team_id            INTEGER REFERENCES teams(id) ON DELETE SET NULL,
  owner_id           INTEGER REFERENCES users(id) ON DELETE SET NULL,
  touchpoint         TEXT    NOT NULL DEFAULT '',
  channel            TEXT    NOT NULL DEFAULT '',
  source_kind        TEXT    NOT NULL DEFAULT 'manual',
  source_id          INTEGER,
  metric             TEXT    NOT NULL DEFAULT '',
  score_before       INTEGER,
  score_after        INTEGER,
  resurvey_token     TEXT    UNIQUE,
  root_cause         TEXT    NOT NULL DEFAULT '',
  resolution         TEXT    NOT NULL DEFAULT '',
  first_response_due INTEGER NOT NULL,
  resolution_due     INTEGER NOT NULL,
  first_response_at  INTEGER,
  resolved_at        INTEGER,
  closed_at          INTEGER,
  escalations        INTEGER NOT NULL DEFAULT 0,
  deadline_gen       INTEGER NOT NULL DEFAULT 1,
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL
);
-- One open case per customer and reason: a second trigger finds the first.
CREATE UNIQUE INDEX cases_open ON cases (workspace_id, customer_id, reason) WHERE status <> 'closed';
CREATE INDEX cases_workspace ON cases (workspace_id, id);
CREATE INDEX cases_status ON cases (workspace_id, status, id);
CREATE INDEX cases_customer ON cases (customer_id, created_at);

CREATE TABLE case_notes (
  id           INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  case_id      INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  kind         TEXT    NOT NULL CHECK (kind IN ('note', 'contact', 'system')),
  author       TEXT    NOT NULL,
  body         TEXT    NOT NULL,
  created_at   INTEGER NOT NULL
);
CREATE INDEX case_notes_case ON case_notes (case_id, id);

-- An alert about a case, sent by a timer job; 'dead' ones failed every try.
CREATE TABLE case_alerts (
  id           INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  case_id      INTEGER REFERENCES cases(id) ON DELETE CASCADE,
  channel      TEXT    NOT NULL CHECK (channel IN ('email', 'webhook')),
  target       TEXT    NOT NULL,
  subject      TEXT    NOT NULL,
  body         TEXT    NOT NULL,
  state        TEXT    NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'dead')),
  attempts     INTEGER NOT NULL DEFAULT 0,
  last_error   TEXT    NOT NULL DEFAULT '',
  created_at   INTEGER NOT NULL,
  sent_at      INTEGER
);
CREATE INDEX case_alerts_state ON case_alerts (workspace_id, state, id);
