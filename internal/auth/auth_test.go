package auth_test

import (
	"context"
	"testing"

	"github.com/tajrobe/tajrobe/internal/auth"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

func TestPasswordHash(t *testing.T) {
	h := auth.HashPassword("رمز عبور ۱۲۳ secret")
	if !auth.CheckPassword(h, "رمز عبور ۱۲۳ secret") {
		t.Fatal("the right password was refused")
	}
	if auth.CheckPassword(h, "رمز عبور ۱۲۳ secreT") || auth.CheckPassword("garbage", "x") {
		t.Fatal("a wrong password was accepted")
	}
	if h == auth.HashPassword("رمز عبور ۱۲۳ secret") {
		t.Fatal("hashes must be salted")
	}
}

func TestUsersAndKeys(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		var ws workspace.Workspace
		var plain string
		err := db.InTx(ctx, func(tx *store.Tx) error {
			ws = workspace.Workspace{Name: "Pizza", Language: "en"}
			if err := workspace.Create(ctx, tx, &ws); err != nil {
				return err
			}
			u := &auth.User{Email: "Owner@Example.com"}
			if err := auth.CreateUser(ctx, tx, u, "long enough password", ws.ID, auth.Owner); err != nil {
				return err
			}
			var err error
			_, plain, err = auth.CreateKey(ctx, tx, ws.ID, auth.SecretKey, "server")
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := auth.Authenticate(ctx, db, "owner@example.com", "long enough password"); err != nil {
			t.Fatalf("sign-in: %v", err)
		}
		if _, err := auth.Authenticate(ctx, db, "owner@example.com", "wrong"); !errs.Is(err, errs.Unauthenticated) {
			t.Fatalf("wrong password: %v", err)
		}
		k, err := auth.LookupKey(ctx, db, plain)
		if err != nil || k.WorkspaceID != ws.ID || k.Kind != auth.SecretKey {
			t.Fatalf("LookupKey = %+v, %v", k, err)
		}
		var stored string
		db.QueryRow(ctx, "SELECT hash FROM api_keys WHERE id = ?", k.ID).Scan(&stored)
		if stored == plain {
			t.Fatal("keys must be stored hashed")
		}
		if err := auth.RevokeKey(ctx, db, ws.ID, k.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := auth.LookupKey(ctx, db, plain); !errs.Is(err, errs.Unauthenticated) {
			t.Fatalf("revoked key still works: %v", err)
		}
	})
}
