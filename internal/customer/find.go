package customer

import (
	"context"
	"strings"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Find looks a customer up by any identity typed as a person would type
// it, not saying which kind: an e-mail, a phone in Persian or Latin digits
// and any format, a user id, account, card or anonymous id. The strongest
// kind that matches wins; no match is NotExist.
func Find(ctx context.Context, db *store.DB, workspaceID int64, region, query string) (*Customer, error) {
	const op = "customer.Find"
	q := strings.TrimSpace(query)
	if q == "" {
		return nil, errs.Field(op, "q", "type an e-mail, phone number, user id, account or card number")
	}
	for _, k := range Kinds {
		if k == Email && !strings.Contains(q, "@") {
			continue
		}
		if _, err := Normalize(k, q, region); err != nil {
			continue // not this kind's shape
		}
		c, err := Lookup(ctx, db, workspaceID, region, k, q)
		if err == nil || !errs.Is(err, errs.NotExist) {
			return c, err
		}
	}
	return nil, errs.E(op, errs.NotExist, "no customer has the identity %q", q)
}
