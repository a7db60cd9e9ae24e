-- One index fewer on every event.
--
-- events_signals (workspace_id, occurred_at, touchpoint, signal), added for
-- the console's journey map, begins with the columns of
-- events_workspace_time (workspace_id, occurred_at), so it serves every
-- query that one served, and covers more of them. The older index only
-- cost each stored event another b-tree insert.
DROP INDEX IF EXISTS events_workspace_time;
