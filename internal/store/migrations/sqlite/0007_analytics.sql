-- Analytics rollups, kept up to date in the transactions that write the raw
-- rows, so standard views never scan raw events or answers. day is the
-- local calendar date in the workspace's time zone, as yyyymmdd. On SQLite
-- the rollups are WITHOUT ROWID tables, clustered by their key, so a
-- period is one range scan.

CREATE TABLE signal_rollups (
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  day          INTEGER NOT NULL,
  touchpoint   TEXT    NOT NULL,
  channel      TEXT    NOT NULL,
  events       INTEGER NOT NULL,
  signals      INTEGER NOT NULL,
  positive     INTEGER NOT NULL,
  negative     INTEGER NOT NULL,
  signal_sum   INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, day, touchpoint, channel)
) WITHOUT ROWID;

-- Scored answers: a histogram of scores 0–10 plus sums for means and spread.
CREATE TABLE score_rollups (
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  day          INTEGER NOT NULL,
  survey_id    INTEGER NOT NULL,
  question     TEXT    NOT NULL,
  kind         TEXT    NOT NULL,
  touchpoint   TEXT    NOT NULL,
  channel      TEXT    NOT NULL,
  language     TEXT    NOT NULL,
  n            INTEGER NOT NULL,
  total        INTEGER NOT NULL,
  total_sq     INTEGER NOT NULL,
  h0 INTEGER NOT NULL, h1 INTEGER NOT NULL, h2 INTEGER NOT NULL, h3 INTEGER NOT NULL,
  h4 INTEGER NOT NULL, h5 INTEGER NOT NULL, h6 INTEGER NOT NULL, h7 INTEGER NOT NULL,
  h8 INTEGER NOT NULL, h9 INTEGER NOT NULL, h10 INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, day, survey_id, question, touchpoint, channel, language)
) WITHOUT ROWID;

-- The first time each customer reached each journey stage: the flow
-- between stages is read from here.
CREATE TABLE stage_reach (
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  customer_id  INTEGER NOT NULL,
  stage        TEXT    NOT NULL,
  first_at     INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, customer_id, stage)
) WITHOUT ROWID;
CREATE INDEX stage_reach_time ON stage_reach (workspace_id, stage, first_at);

-- Response counts and rates by period.
CREATE INDEX survey_responses_completed ON survey_responses (workspace_id, completed_at);
CREATE INDEX survey_invitations_sent ON survey_invitations (workspace_id, sent_at);
