package program

import (
	"context"
	"crypto/hmac"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Unsubscription is whom an unsubscribe link speaks for.
type Unsubscription struct {
	WorkspaceID int64
	CustomerID  int64
	Channel     string
	Language    string // the workspace's, for the page
	Brand       string
}

// CheckUnsubscribe verifies an unsubscribe token.
func CheckUnsubscribe(ctx context.Context, db *store.DB, token string) (*Unsubscription, error) {
	var u *Unsubscription
	err := db.InTx(ctx, func(tx *store.Tx) (err error) {
		u, err = checkToken(ctx, tx, token)
		return err
	})
	return u, err
}

func checkToken(ctx context.Context, tx *store.Tx, token string) (*Unsubscription, error) {
	bad := errs.E("program.Unsubscribe", errs.NotExist, "this unsubscribe link is not valid")
	wsID, cust, ch, ok := parseUnsubscribe(token)
	if !ok {
		return nil, bad
	}
	ws, err := workspaceIn(ctx, tx, wsID)
	if err != nil {
		return nil, bad
	}
	st, err := loadStored(ctx, tx, wsID)
	if err != nil {
		return nil, err
	}
	if !hmac.Equal([]byte(unsubscribeToken(st.Secret, wsID, cust, ch)), []byte(token)) {
		return nil, bad
	}
	return &Unsubscription{WorkspaceID: wsID, CustomerID: cust, Channel: ch, Language: ws.Language, Brand: ws.Name}, nil
}

// Unsubscribe records, from a valid token, that the customer withdrew
// consent to the channel: every later promotional and service message on
// it is suppressed at send time, and programs that write only there end.
func Unsubscribe(ctx context.Context, db *store.DB, token string) (*Unsubscription, error) {
	var u *Unsubscription
	err := db.InTx(ctx, func(tx *store.Tx) (err error) {
		if u, err = checkToken(ctx, tx, token); err != nil {
			return err
		}
		return customer.RecordConsent(ctx, tx, u.WorkspaceID, u.CustomerID,
			customer.Consent{Channel: u.Channel, Granted: false, Source: "unsubscribe", Note: "one-click unsubscribe link"})
	})
	return u, err
}
