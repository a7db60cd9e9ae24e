package customer

import (
	"fmt"
	"strings"
)

// inList fills the %s in query with one placeholder per id.
func inList(query string, ids []int64) (string, []any) {
	marks := strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return fmt.Sprintf(query, marks), args
}
