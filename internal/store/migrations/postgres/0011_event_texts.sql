-- Event texts by a flag, not by reading every event.
--
-- The comment worker found events that carry a customer's words (a
-- ticket's body, a review) by testing every new event's properties, a few
-- times over; under a heavy event stream that took a quarter of the
-- server's CPU. The writer now knows it when it stores the event (see
-- journey.EventText) and says so in has_text; two small partial indexes
-- hold only the events with a text, and the index on every event's
-- arrival time goes.
ALTER TABLE events ADD COLUMN has_text boolean NOT NULL DEFAULT false;
-- Events stored before this migration: the test the worker used to make.
UPDATE events SET has_text = true WHERE jsonb_exists_any(properties, ARRAY['text', 'comment', 'review', 'message', 'body', 'feedback'])
  AND CASE WHEN jsonb_typeof(properties) = 'object' THEN EXISTS (SELECT 1 FROM jsonb_each(properties) j
    WHERE j.key IN ('text', 'comment', 'review', 'message', 'body', 'feedback') AND jsonb_typeof(j.value) = 'string' AND j.value #>> '{}' <> '')
  ELSE false END;
DROP INDEX IF EXISTS comment_events_received;
CREATE INDEX events_text_received ON events (received_at) WHERE has_text;
CREATE INDEX events_text_id ON events (id) WHERE has_text;
