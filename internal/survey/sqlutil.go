package survey

import (
	"database/sql"
	"errors"
)

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// nullInt turns 0 into NULL for optional foreign keys.
func nullInt(n int64) any {
	if n == 0 {
		return nil
	}
	return n
}
