-- Posts to public survey links per client address and minute, counted
-- where every node sharing the database sees them: the abuse limit (20 a
-- minute) holds for the whole deployment, not for each node behind the
-- load balancer. Rows of past minutes are deleted as the minutes turn.
CREATE TABLE public_post_counts (
  client       TEXT    NOT NULL,
  window_start INTEGER NOT NULL,
  posts        INTEGER NOT NULL,
  PRIMARY KEY (client, window_start)
);
