package store

import "time"

// Times are stored as Unix milliseconds in both engines: one representation,
// cheap to index and compare, with the time zone applied only when shown.

// Millis converts t to stored form.
func Millis(t time.Time) int64 { return t.UnixMilli() }

// Time converts a stored value back, in UTC.
func Time(ms int64) time.Time { return time.UnixMilli(ms).UTC() }
