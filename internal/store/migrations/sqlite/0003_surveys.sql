-- Surveys: settings per workspace, surveys with their questions, personal
-- invitations, responses (one per respondent and survey) and answers (one
-- row per answered question, so analytics can slice every question).

CREATE TABLE survey_settings (
  workspace_id  INTEGER PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
  secret        TEXT    NOT NULL,
  cooldown_days INTEGER NOT NULL DEFAULT 30,
  edit_minutes  INTEGER NOT NULL DEFAULT 1440,
  channels      TEXT    NOT NULL DEFAULT '{}',
  updated_at    INTEGER NOT NULL
);

CREATE TABLE surveys (
  id             INTEGER PRIMARY KEY,
  workspace_id   INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name           TEXT    NOT NULL,
  template       TEXT    NOT NULL DEFAULT '',
  status         TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'closed')),
  touchpoint     TEXT    NOT NULL DEFAULT '',
  questions      TEXT    NOT NULL DEFAULT '[]',
  trigger_on     TEXT    NOT NULL DEFAULT '{}',
  public_slug    TEXT    UNIQUE,
  webhook_url    TEXT    NOT NULL DEFAULT '',
  webhook_secret TEXT    NOT NULL DEFAULT '',
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  published_at   INTEGER
);
CREATE INDEX surveys_workspace ON surveys (workspace_id, id);

CREATE TABLE survey_invitations (
  id           INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  survey_id    INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
  customer_id  INTEGER REFERENCES customers(id),
  channel      TEXT    NOT NULL,
  language     TEXT    NOT NULL,
  address      TEXT    NOT NULL DEFAULT '',
  touchpoint   TEXT    NOT NULL DEFAULT '',
  dedupe_key   TEXT,
  status       TEXT    NOT NULL,
  detail       TEXT    NOT NULL DEFAULT '',
  send_at      INTEGER NOT NULL,
  sent_at      INTEGER,
  expires_at   INTEGER NOT NULL,
  created_at   INTEGER NOT NULL,
  UNIQUE (workspace_id, dedupe_key)
);
CREATE INDEX survey_invitations_survey ON survey_invitations (survey_id, id);
CREATE INDEX survey_invitations_customer ON survey_invitations (workspace_id, customer_id, sent_at);

CREATE TABLE survey_responses (
  id            INTEGER PRIMARY KEY,
  workspace_id  INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  survey_id     INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
  invitation_id INTEGER REFERENCES survey_invitations(id),
  customer_id   INTEGER REFERENCES customers(id),
  source_key    TEXT    NOT NULL,
  touchpoint    TEXT    NOT NULL DEFAULT '',
  channel       TEXT    NOT NULL,
  language      TEXT    NOT NULL,
  status        TEXT    NOT NULL CHECK (status IN ('partial', 'complete')),
  metric        TEXT    NOT NULL DEFAULT '',
  score         INTEGER,
  signal        INTEGER CHECK (signal BETWEEN -2 AND 2),
  started_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  completed_at  INTEGER,
  UNIQUE (workspace_id, source_key)
);
CREATE INDEX survey_responses_survey ON survey_responses (survey_id, id);
CREATE INDEX survey_responses_customer ON survey_responses (customer_id, updated_at DESC, id DESC);

CREATE TABLE survey_answers (
  id           INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  survey_id    INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
  response_id  INTEGER NOT NULL REFERENCES survey_responses(id) ON DELETE CASCADE,
  customer_id  INTEGER REFERENCES customers(id),
  question     TEXT    NOT NULL,
  kind         TEXT    NOT NULL,
  score        INTEGER,
  choice       TEXT    NOT NULL DEFAULT '',
  text         TEXT    NOT NULL DEFAULT '',
  touchpoint   TEXT    NOT NULL DEFAULT '',
  channel      TEXT    NOT NULL,
  language     TEXT    NOT NULL,
  answered_at  INTEGER NOT NULL,
  UNIQUE (response_id, question)
);
CREATE INDEX survey_answers_survey ON survey_answers (survey_id, question, answered_at);
CREATE INDEX survey_answers_workspace ON survey_answers (workspace_id, kind, answered_at);

-- How far the event trigger has read the events table.
CREATE TABLE survey_cursors (
  name     TEXT    PRIMARY KEY,
  position INTEGER NOT NULL
);
