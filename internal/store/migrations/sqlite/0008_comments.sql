-- What customers write: each workspace's themes and learned model, one
-- analysis per comment (a survey text answer or an event's text), the
-- themes each comment speaks of, and agents' corrections. Times are Unix ms.

-- A workspace's editable theme set; no row means textan's defaults.
CREATE TABLE comment_themes (
  workspace_id INTEGER PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
  themes       TEXT    NOT NULL,
  version      INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
);

-- A workspace's learned model. trained_at doubles as the claim of the
-- background re-learning job: a node that moves it forward does the work.
CREATE TABLE comment_models (
  workspace_id INTEGER PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
  model        BLOB,
  version      INTEGER NOT NULL DEFAULT 0,
  samples      REAL    NOT NULL DEFAULT 0,
  features     INTEGER NOT NULL DEFAULT 0,
  trained_at   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE comment_analyses (
  id             INTEGER PRIMARY KEY,
  workspace_id   INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  source_kind    TEXT    NOT NULL CHECK (source_kind IN ('answer', 'event')),
  source_id      INTEGER NOT NULL,
  response_id    INTEGER,
  customer_id    INTEGER,
  touchpoint     TEXT    NOT NULL DEFAULT '',
  channel        TEXT    NOT NULL DEFAULT '',
  text           TEXT    NOT NULL,
  language       TEXT    NOT NULL,
  sentiment      TEXT    NOT NULL CHECK (sentiment IN ('positive', 'neutral', 'negative')),
  score          REAL    NOT NULL,
  aspects        TEXT    NOT NULL DEFAULT '[]',
  topics         TEXT    NOT NULL DEFAULT '[]',
  emotions       TEXT    NOT NULL DEFAULT '[]',
  model_version  INTEGER NOT NULL DEFAULT 0,
  themes_version INTEGER NOT NULL DEFAULT 0,
  source_at      INTEGER NOT NULL,
  analysed_at    INTEGER NOT NULL,
  UNIQUE (source_kind, source_id)
);
CREATE INDEX comment_analyses_workspace ON comment_analyses (workspace_id, source_at DESC, id DESC);
CREATE INDEX comment_analyses_customer ON comment_analyses (customer_id, source_at DESC, id DESC);
CREATE INDEX comment_analyses_response ON comment_analyses (response_id) WHERE response_id IS NOT NULL;
CREATE INDEX comment_analyses_recent ON comment_analyses (workspace_id, analysed_at);
CREATE INDEX comment_analyses_since ON comment_analyses (analysed_at);

-- One row per theme a comment speaks of, for "themes per touchpoint".
CREATE TABLE comment_topics (
  analysis_id  INTEGER NOT NULL REFERENCES comment_analyses(id) ON DELETE CASCADE,
  theme        TEXT    NOT NULL,
  workspace_id INTEGER NOT NULL,
  touchpoint   TEXT    NOT NULL DEFAULT '',
  sentiment    TEXT    NOT NULL,
  score        REAL    NOT NULL,
  source_at    INTEGER NOT NULL,
  PRIMARY KEY (analysis_id, theme)
);
CREATE INDEX comment_topics_workspace ON comment_topics (workspace_id, theme, source_at);

-- An agent's label for one analysis: a strong label for learning.
CREATE TABLE comment_corrections (
  analysis_id  INTEGER PRIMARY KEY REFERENCES comment_analyses(id) ON DELETE CASCADE,
  workspace_id INTEGER NOT NULL,
  label        TEXT    NOT NULL CHECK (label IN ('positive', 'neutral', 'negative')),
  actor        TEXT    NOT NULL,
  at           INTEGER NOT NULL
);
CREATE INDEX comment_corrections_workspace ON comment_corrections (workspace_id, at);

-- The worker finds new comments by arrival time; these keep that look-up
-- to the last few seconds of rows instead of the whole table.
CREATE INDEX comment_events_received ON events (received_at);
CREATE INDEX comment_answers_answered ON survey_answers (answered_at) WHERE text <> '';
