-- Ingestion: event mappings, the failed-events store, import progress and
-- the heartbeat table that lets nodes share a rate limit. Times are Unix ms.

-- What an event name means on the journey when the event does not say.
CREATE TABLE event_mappings (
  id           INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  event        TEXT    NOT NULL,
  touchpoint   TEXT    NOT NULL DEFAULT '',
  channel      TEXT    NOT NULL DEFAULT '',
  signal       INTEGER CHECK (signal BETWEEN -2 AND 2),
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  UNIQUE (workspace_id, event)
);

-- Accepted events that could not be stored, kept verbatim until replayed.
CREATE TABLE failed_events (
  id           INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  message_id   TEXT    NOT NULL,
  type         TEXT    NOT NULL,
  sent_at      TEXT    NOT NULL DEFAULT '',
  payload      TEXT    NOT NULL,
  reason       TEXT    NOT NULL,
  attempts     INTEGER NOT NULL DEFAULT 1,
  received_at  INTEGER NOT NULL,
  failed_at    INTEGER NOT NULL,
  replayed_at  INTEGER
);
CREATE INDEX failed_events_pending ON failed_events (workspace_id, id) WHERE replayed_at IS NULL;

-- How far an import of one file got, so an interrupted one resumes.
CREATE TABLE event_imports (
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  source       TEXT    NOT NULL,
  path         TEXT    NOT NULL,
  byte_offset  INTEGER NOT NULL DEFAULT 0,
  line         INTEGER NOT NULL DEFAULT 0,
  accepted     INTEGER NOT NULL DEFAULT 0,
  rejected     INTEGER NOT NULL DEFAULT 0,
  done_at      INTEGER,
  updated_at   INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, source)
);

-- Ingesting nodes seen recently; each takes its share of a key's rate limit.
CREATE TABLE ingest_nodes (
  node    TEXT    PRIMARY KEY,
  seen_at INTEGER NOT NULL
);
