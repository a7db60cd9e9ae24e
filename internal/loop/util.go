package loop

import (
	"strconv"
	"time"

	"github.com/tajrobe/tajrobe/internal/store"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// timePtr converts a nullable stored time.
func timePtr(ms *int64) *time.Time {
	if ms == nil {
		return nil
	}
	t := store.Time(*ms)
	return &t
}
