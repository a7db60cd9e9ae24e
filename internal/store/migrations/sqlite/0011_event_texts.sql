-- Event texts by a flag, not by reading every event.
--
-- The comment worker found events that carry a customer's words (a
-- ticket's body, a review) by testing every new event's properties, a few
-- times over; under a heavy event stream that took a quarter of the
-- server's CPU. The writer now knows it when it stores the event (see
-- journey.EventText) and says so in has_text; two small partial indexes
-- hold only the events with a text, and the index on every event's
-- arrival time goes.
ALTER TABLE events ADD COLUMN has_text INTEGER NOT NULL DEFAULT 0;
-- Events stored before this migration: the test the worker used to make.
UPDATE events SET has_text = 1 WHERE (properties LIKE '%"text"%' OR properties LIKE '%"comment"%' OR properties LIKE '%"review"%' OR properties LIKE '%"message"%' OR properties LIKE '%"body"%' OR properties LIKE '%"feedback"%')
  AND EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid(properties) THEN properties ELSE '{}' END) j
    WHERE j.key IN ('text', 'comment', 'review', 'message', 'body', 'feedback') AND j.type = 'text' AND j.atom <> '');
DROP INDEX IF EXISTS comment_events_received;
CREATE INDEX events_text_received ON events (received_at) WHERE has_text = 1;
CREATE INDEX events_text_id ON events (id) WHERE has_text = 1;
