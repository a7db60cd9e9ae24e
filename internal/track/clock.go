package track

import (
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
)

// DefaultMaxFuture is how far past the arrival time an event's corrected
// time may lie before it is refused as a broken clock.
const DefaultMaxFuture = time.Hour

// occurredAt corrects the sender's clock as Segment does: the event
// happened (sentAt − timestamp) before the request arrived, measured on the
// sender's own clock, so a device set to the wrong day still lands right.
// Without sentAt the timestamp is taken as it is; without a timestamp the
// event happened when it arrived.
func occurredAt(m Message, received time.Time, maxFuture time.Duration) (time.Time, error) {
	field, raw := "timestamp", m.Timestamp
	if raw == "" {
		field, raw = "originalTimestamp", m.OriginalTimestamp
	}
	if raw == "" {
		return received, nil
	}
	ts, err := parseTime(raw)
	if err != nil {
		return time.Time{}, errs.Field("track", field, "%s %q is not an ISO 8601 time such as 2025-03-21T09:30:00.000Z", field, raw)
	}
	at := ts
	if m.SentAt != "" {
		sent, err := parseTime(m.SentAt)
		if err != nil {
			return time.Time{}, errs.Field("track", "sentAt", "sentAt %q is not an ISO 8601 time", m.SentAt)
		}
		at = received.Add(-sent.Sub(ts))
	}
	if maxFuture > 0 && at.Sub(received) > maxFuture {
		return time.Time{}, errs.Field("track", field, "%s %s is %s in the future", field, raw, at.Sub(received).Round(time.Second))
	}
	return at.UTC(), nil
}

// parseTime reads the ISO 8601 forms the SDKs send.
func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02"} {
		if t, err2 := time.Parse(layout, s); err2 == nil {
			return t, nil
		}
	}
	return time.Time{}, err
}
