-- The event inbox: accepted events, validated and committed, that the
-- ingester has not yet resolved and written to the events table.
--
-- Under a heavy stream the ingester answers a request once its events are
-- committed here (a row a group, in a compact form of its own), and a
-- background applier moves them into events, the profiles and the rollups
-- a moment later, deleting the row in the same transaction. A row that
-- survives a crash is applied at the next start; applying twice stores
-- nothing twice, as events are unique by message id. (On SQLite, which
-- has one writer, the inbox is a companion file instead: see track/spool.go.)
CREATE TABLE event_inbox (
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id BIGINT  NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  events       INTEGER NOT NULL,
  payload      BYTEA   NOT NULL,
  received_at  BIGINT  NOT NULL
);
-- Payloads are compact already; compressing them again would only cost the
-- server CPU on every write.
ALTER TABLE event_inbox ALTER COLUMN payload SET STORAGE EXTERNAL;
