package loadtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"

	"github.com/tajrobe/tajrobe/internal/store"
)

// FreshSchema creates an empty schema in the PostgreSQL at base and returns
// a URL whose connections use it, with a function that drops it.
func FreshSchema(ctx context.Context, base, prefix string) (string, func(), error) {
	b := make([]byte, 6)
	rand.Read(b)
	schema := prefix + "_" + hex.EncodeToString(b)
	admin, err := store.Open(ctx, base, store.Options{MaxConns: 1})
	if err != nil {
		return "", nil, err
	}
	if _, err := admin.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		admin.Close()
		return "", nil, err
	}
	drop := func() {
		admin.Exec(context.WithoutCancel(ctx), "DROP SCHEMA "+schema+" CASCADE")
		admin.Close()
	}
	u, err := url.Parse(base)
	if err != nil {
		drop()
		return "", nil, err
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), drop, nil
}
