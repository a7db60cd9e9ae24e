-- Ingestion speed: fewer structures to keep up on every stored event.
--
-- events_workspace_time (workspace_id, occurred_at) is a prefix of
-- events_signals (workspace_id, occurred_at, touchpoint, signal), which
-- serves every query it served; keeping both cost a B-tree insert per event.
-- (The foreign keys from events stay on SQLite: dropping them means
-- rebuilding the table, and a parent look-up in SQLite's own pages costs
-- about a microsecond, not PostgreSQL's per-row trigger.)
DROP INDEX IF EXISTS events_workspace_time;
