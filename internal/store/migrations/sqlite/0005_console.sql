-- Console: browser sessions shared by every node, failed sign-ins counted
-- per e-mail and per address for throttling, and each person's display
-- preferences. Times are Unix ms.

-- A signed-in browser. Only the SHA-256 of the cookie's token is stored.
CREATE TABLE sessions (
  id           INTEGER PRIMARY KEY,
  token_hash   TEXT    NOT NULL UNIQUE,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- One failed sign-in, recorded once under the e-mail and once under the
-- client address (scope 'email' or 'ip').
CREATE TABLE login_failures (
  id      INTEGER PRIMARY KEY,
  scope   TEXT    NOT NULL CHECK (scope IN ('email', 'ip')),
  subject TEXT    NOT NULL,
  at      INTEGER NOT NULL
);
CREATE INDEX login_failures_subject ON login_failures (scope, subject, at);

-- How a person likes the console: language ('' follows the browser) and
-- calendar ('' follows the language).
CREATE TABLE user_preferences (
  user_id    INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  language   TEXT    NOT NULL DEFAULT '',
  calendar   TEXT    NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL
);

-- The console's signal aggregates (overview, journey map, weekly trends)
-- read only these columns; covering them spares a table lookup per event.
CREATE INDEX events_signals ON events (workspace_id, occurred_at, touchpoint, signal);
