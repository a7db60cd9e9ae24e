package auth

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"strings"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// KeyKind says what a key may do.
type KeyKind string

// The two kinds of key.
const (
	WriteKey  KeyKind = "write"  // public, ingest only, as SDKs use Segment's writeKey
	SecretKey KeyKind = "secret" // server side, the whole API of one workspace
)

// Key is a stored API key; the plaintext is shown once, at creation.
type Key struct {
	ID          int64   `json:"id"`
	WorkspaceID int64   `json:"workspace_id"`
	Kind        KeyKind `json:"kind"`
	Name        string  `json:"name"`
	Prefix      string  `json:"prefix"`
}

// keyPrefix marks each kind so a leaked key is recognisable at a glance.
var keyPrefix = map[KeyKind]string{WriteKey: "tjw_", SecretKey: "tjs_"}

// hashKey stores keys as SHA-256: they are long random strings, so a slow
// hash adds nothing but latency on every request.
func hashKey(plain string) string {
	sum := sha256.Sum256([]byte(plain))
	return hex.EncodeToString(sum[:])
}

// CreateKey makes a key of kind for workspaceID and returns its plaintext.
func CreateKey(ctx context.Context, tx *store.Tx, workspaceID int64, kind KeyKind, name string) (*Key, string, error) {
	const op = "auth.CreateKey"
	pre, ok := keyPrefix[kind]
	if !ok {
		return nil, "", errs.Field(op, "kind", "key kind must be write or secret, not %q", kind)
	}
	plain := pre + RandomToken(24)
	k := &Key{WorkspaceID: workspaceID, Kind: kind, Name: name, Prefix: plain[:10]}
	err := tx.QueryRow(ctx, `INSERT INTO api_keys (workspace_id, kind, name, prefix, hash, created_at)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
		workspaceID, string(kind), name, k.Prefix, hashKey(plain), store.Millis(tx.Now)).Scan(&k.ID)
	if err != nil {
		return nil, "", errs.Wrap(op, err)
	}
	return k, plain, nil
}

// LookupKey returns the live key whose plaintext is plain.
func LookupKey(ctx context.Context, db *store.DB, plain string) (*Key, error) {
	const op = "auth.LookupKey"
	plain = strings.TrimSpace(plain)
	if plain == "" {
		return nil, errs.E(op, errs.Unauthenticated, "no API key was given")
	}
	var k Key
	var kind string
	err := db.QueryRow(ctx, `SELECT id, workspace_id, kind, name, prefix FROM api_keys
		WHERE hash = ? AND revoked_at IS NULL`, hashKey(plain)).
		Scan(&k.ID, &k.WorkspaceID, &kind, &k.Name, &k.Prefix)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.E(op, errs.Unauthenticated, "the API key is not valid or was revoked")
	}
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	k.Kind = KeyKind(kind)
	return &k, nil
}

// RevokeKey stops a key of the workspace from working.
func RevokeKey(ctx context.Context, db *store.DB, workspaceID, id int64) error {
	res, err := db.Exec(ctx, `UPDATE api_keys SET revoked_at = ? WHERE id = ? AND workspace_id = ? AND revoked_at IS NULL`,
		store.Millis(db.Now()), id, workspaceID)
	if err != nil {
		return errs.Wrap("auth.RevokeKey", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E("auth.RevokeKey", errs.NotExist, "key %d does not exist in this workspace", id)
	}
	return nil
}
