-- Foundation: workspaces, people and keys, customers and their identities,
-- consent, touchpoints, events and the audit log. Times are Unix ms.

CREATE TABLE workspaces (
  id          INTEGER PRIMARY KEY,
  name        TEXT    NOT NULL,
  slug        TEXT    NOT NULL UNIQUE,
  language    TEXT    NOT NULL DEFAULT 'fa',
  timezone    TEXT    NOT NULL DEFAULT 'Asia/Tehran',
  region      TEXT    NOT NULL DEFAULT 'IR',
  created_at  INTEGER NOT NULL
);

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  email         TEXT    NOT NULL UNIQUE,
  name          TEXT    NOT NULL DEFAULT '',
  password_hash TEXT    NOT NULL,
  created_at    INTEGER NOT NULL
);

CREATE TABLE memberships (
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role         TEXT    NOT NULL,
  created_at   INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, user_id)
);

CREATE TABLE api_keys (
  id           INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  kind         TEXT    NOT NULL CHECK (kind IN ('write', 'secret')),
  name         TEXT    NOT NULL DEFAULT '',
  prefix       TEXT    NOT NULL,
  hash         TEXT    NOT NULL UNIQUE,
  created_at   INTEGER NOT NULL,
  revoked_at   INTEGER
);
CREATE INDEX api_keys_workspace ON api_keys (workspace_id);

CREATE TABLE customers (
  id           INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  traits       TEXT    NOT NULL DEFAULT '{}',
  merged_into  INTEGER REFERENCES customers(id),
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
);
CREATE INDEX customers_workspace ON customers (workspace_id, id);
CREATE INDEX customers_merged ON customers (merged_into) WHERE merged_into IS NOT NULL;

CREATE TABLE identities (
  id           INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  customer_id  INTEGER NOT NULL REFERENCES customers(id),
  kind         TEXT    NOT NULL,
  value        TEXT    NOT NULL,
  created_at   INTEGER NOT NULL,
  UNIQUE (workspace_id, kind, value)
);
CREATE INDEX identities_customer ON identities (customer_id);

CREATE TABLE consents (
  id           INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  customer_id  INTEGER NOT NULL REFERENCES customers(id),
  channel      TEXT    NOT NULL,
  granted      BOOLEAN NOT NULL,
  source       TEXT    NOT NULL DEFAULT '',
  note         TEXT    NOT NULL DEFAULT '',
  at           INTEGER NOT NULL
);
CREATE INDEX consents_customer ON consents (customer_id, channel, at DESC, id DESC);

-- Two customers a call tied together; kept apart until someone merges them.
CREATE TABLE identity_conflicts (
  id           INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  customer_id  INTEGER NOT NULL REFERENCES customers(id),
  other_id     INTEGER NOT NULL REFERENCES customers(id),
  kind         TEXT    NOT NULL,
  value        TEXT    NOT NULL,
  at           INTEGER NOT NULL,
  UNIQUE (workspace_id, customer_id, other_id, kind, value)
);

CREATE TABLE merges (
  id           INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  into_id      INTEGER NOT NULL REFERENCES customers(id),
  from_id      INTEGER NOT NULL REFERENCES customers(id),
  actor        TEXT    NOT NULL,
  undo         TEXT    NOT NULL,
  at           INTEGER NOT NULL,
  undone_at    INTEGER
);
CREATE INDEX merges_customer ON merges (into_id, at DESC);
CREATE INDEX merges_from ON merges (from_id, at DESC);

CREATE TABLE touchpoints (
  id           INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  key          TEXT    NOT NULL,
  name_fa      TEXT    NOT NULL,
  name_en      TEXT    NOT NULL,
  phase        TEXT    NOT NULL,
  stage        TEXT    NOT NULL,
  channel      TEXT    NOT NULL,
  target_score REAL,
  target_metric TEXT   NOT NULL DEFAULT 'csat',
  position     INTEGER NOT NULL DEFAULT 0,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  UNIQUE (workspace_id, key)
);

CREATE TABLE events (
  id           INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  customer_id  INTEGER NOT NULL REFERENCES customers(id),
  message_id   TEXT    NOT NULL,
  type         TEXT    NOT NULL,
  name         TEXT    NOT NULL DEFAULT '',
  touchpoint   TEXT    NOT NULL DEFAULT '',
  channel      TEXT    NOT NULL DEFAULT '',
  signal       INTEGER CHECK (signal BETWEEN -2 AND 2),
  properties   TEXT    NOT NULL DEFAULT '{}',
  context      TEXT    NOT NULL DEFAULT '{}',
  occurred_at  INTEGER NOT NULL,
  received_at  INTEGER NOT NULL,
  UNIQUE (workspace_id, message_id)
);
CREATE INDEX events_customer ON events (customer_id, occurred_at DESC, id DESC);
CREATE INDEX events_workspace_time ON events (workspace_id, occurred_at);
CREATE INDEX events_touchpoint ON events (workspace_id, touchpoint, occurred_at);

CREATE TABLE audit_log (
  id           INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  actor        TEXT    NOT NULL,
  action       TEXT    NOT NULL,
  subject      TEXT    NOT NULL,
  detail       TEXT    NOT NULL DEFAULT '{}',
  at           INTEGER NOT NULL
);
CREATE INDEX audit_log_workspace ON audit_log (workspace_id, at DESC);
