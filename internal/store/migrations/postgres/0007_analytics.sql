-- Analytics rollups, kept up to date in the transactions that write the raw
-- rows, so standard views never scan raw events or answers. day is the
-- local calendar date in the workspace's time zone, as yyyymmdd.

CREATE TABLE signal_rollups (
  workspace_id BIGINT  NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  day          INTEGER NOT NULL,
  touchpoint   TEXT    NOT NULL,
  channel      TEXT    NOT NULL,
  events       BIGINT  NOT NULL,
  signals      BIGINT  NOT NULL,
  positive     BIGINT  NOT NULL,
  negative     BIGINT  NOT NULL,
  signal_sum   BIGINT  NOT NULL,
  PRIMARY KEY (workspace_id, day, touchpoint, channel)
);

-- Scored answers: a histogram of scores 0–10 plus sums for means and spread.
CREATE TABLE score_rollups (
  workspace_id BIGINT  NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  day          INTEGER NOT NULL,
  survey_id    BIGINT  NOT NULL,
  question     TEXT    NOT NULL,
  kind         TEXT    NOT NULL,
  touchpoint   TEXT    NOT NULL,
  channel      TEXT    NOT NULL,
  language     TEXT    NOT NULL,
  n            BIGINT  NOT NULL,
  total        BIGINT  NOT NULL,
  total_sq     BIGINT  NOT NULL,
  h0 BIGINT NOT NULL, h1 BIGINT NOT NULL, h2 BIGINT NOT NULL, h3 BIGINT NOT NULL,
  h4 BIGINT NOT NULL, h5 BIGINT NOT NULL, h6 BIGINT NOT NULL, h7 BIGINT NOT NULL,
  h8 BIGINT NOT NULL, h9 BIGINT NOT NULL, h10 BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, day, survey_id, question, touchpoint, channel, language)
);

-- The first time each customer reached each journey stage: the flow
-- between stages is read from here.
CREATE TABLE stage_reach (
  workspace_id BIGINT  NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  customer_id  BIGINT  NOT NULL,
  stage        TEXT    NOT NULL,
  first_at     BIGINT  NOT NULL,
  PRIMARY KEY (workspace_id, customer_id, stage)
);
CREATE INDEX stage_reach_time ON stage_reach (workspace_id, stage, first_at);

-- Response counts and rates by period.
CREATE INDEX survey_responses_completed ON survey_responses (workspace_id, completed_at);
CREATE INDEX survey_invitations_sent ON survey_invitations (workspace_id, sent_at);
