package customer_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

func newWorkspace(t *testing.T, db *store.DB, name string) int64 {
	t.Helper()
	w := &workspace.Workspace{Name: name}
	if err := db.InTx(context.Background(), func(tx *store.Tx) error { return workspace.Create(context.Background(), tx, w) }); err != nil {
		t.Fatal(err)
	}
	return w.ID
}

func resolve(t *testing.T, db *store.DB, ws int64, ids ...customer.Identity) customer.Resolution {
	t.Helper()
	norm, err := customer.NormalizeAll(ids, "IR")
	if err != nil {
		t.Fatal(err)
	}
	var res customer.Resolution
	err = db.InTx(context.Background(), func(tx *store.Tx) error {
		res, err = customer.Resolve(context.Background(), tx, ws, norm, nil)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestEveryPhoneFormFindsTheSameCustomer(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ws := newWorkspace(t, db, "aria")
		first := resolve(t, db, ws, customer.Identity{Kind: customer.Phone, Value: "09121234567"})
		if !first.Created {
			t.Fatal("first sight of a phone must create a customer")
		}
		forms := []string{"9121234567", "+989121234567", "00989121234567", "0912 123 4567", "0912-123-4567",
			"۰۹۱۲۱۲۳۴۵۶۷", "٠٩١٢١٢٣٤٥٦٧", "+۹۸۹۱۲۱۲۳۴۵۶۷", "۰۹۱۲ ۱۲۳ ۴۵۶۷"}
		for _, f := range forms {
			c, err := customer.Lookup(ctx, db, ws, "IR", customer.Phone, f)
			if err != nil || c.ID != first.CustomerID {
				t.Errorf("lookup %q = %v, %v; want customer %d", f, c, err, first.CustomerID)
			}
			if res := resolve(t, db, ws, customer.Identity{Kind: customer.Phone, Value: f}); res.CustomerID != first.CustomerID || res.Created {
				t.Errorf("resolve %q = %+v", f, res)
			}
		}
	})
}

func TestEmailIsCaseInsensitiveAndValidated(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ws := newWorkspace(t, db, "aria")
		a := resolve(t, db, ws, customer.Identity{Kind: customer.Email, Value: "Sara.Ahmadi@Example.COM"})
		b := resolve(t, db, ws, customer.Identity{Kind: customer.Email, Value: " sara.ahmadi@example.com "})
		if a.CustomerID != b.CustomerID {
			t.Fatalf("same e-mail, two customers: %d, %d", a.CustomerID, b.CustomerID)
		}
		for _, bad := range []string{"sara", "sara@", "Sara <sara@example.com>", "sara@localhost"} {
			if _, err := customer.Normalize(customer.Email, bad, "IR"); !errs.Is(err, errs.Invalid) {
				t.Errorf("Normalize(%q) = %v, want invalid", bad, err)
			}
		}
	})
}

func TestIdentitiesOfTwoCustomersAreNeverMergedSilently(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ws := newWorkspace(t, db, "aria")
		byEmail := resolve(t, db, ws, customer.Identity{Kind: customer.Email, Value: "reza@example.com"})
		byPhone := resolve(t, db, ws, customer.Identity{Kind: customer.Phone, Value: "09351112233"})
		both := resolve(t, db, ws,
			customer.Identity{Kind: customer.Phone, Value: "09351112233"},
			customer.Identity{Kind: customer.Email, Value: "reza@example.com"},
			customer.Identity{Kind: customer.AnonymousID, Value: "anon-1"})
		if both.CustomerID != byEmail.CustomerID {
			t.Fatalf("the stronger identity (e-mail) must decide: got %d, want %d", both.CustomerID, byEmail.CustomerID)
		}
		if len(both.Conflicts) != 1 || both.Conflicts[0].OtherID != byPhone.CustomerID {
			t.Fatalf("conflicts = %+v", both.Conflicts)
		}
		phoneOwner, err := customer.Lookup(ctx, db, ws, "IR", customer.Phone, "09351112233")
		if err != nil || phoneOwner.ID != byPhone.CustomerID {
			t.Fatalf("the phone moved: %v, %v", phoneOwner, err)
		}
		anon, err := customer.Lookup(ctx, db, ws, "IR", customer.AnonymousID, "anon-1")
		if err != nil || anon.ID != byEmail.CustomerID {
			t.Fatalf("the new anonymous id must land on the resolved customer: %v, %v", anon, err)
		}
	})
}

func TestWorkspacesNeverShareCustomers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		a, b := newWorkspace(t, db, "aria"), newWorkspace(t, db, "napoli")
		inA := resolve(t, db, a, customer.Identity{Kind: customer.Email, Value: "x@example.com"})
		inB := resolve(t, db, b, customer.Identity{Kind: customer.Email, Value: "x@example.com"})
		if inA.CustomerID == inB.CustomerID || !inB.Created {
			t.Fatal("the same e-mail in two workspaces must be two customers")
		}
		if _, err := customer.Get(ctx, db, b, inA.CustomerID); !errs.Is(err, errs.NotExist) {
			t.Fatalf("workspace b read a's customer: %v", err)
		}
		if _, err := customer.Update(ctx, db, b, "IR", "test", inA.CustomerID, customer.Patch{}); !errs.Is(err, errs.NotExist) {
			t.Fatalf("workspace b updated a's customer: %v", err)
		}
		if _, err := customer.MergeInto(ctx, db, b, inB.CustomerID, inA.CustomerID, "test"); !errs.Is(err, errs.NotExist) {
			t.Fatalf("workspace b merged a's customer: %v", err)
		}
	})
}

func TestCreateUpdateTraitsAndConsent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ws := newWorkspace(t, db, "aria")
		name := json.RawMessage(`"سارا\u200cبانو 👟"`)
		c, err := customer.Create(ctx, db, ws, "IR", "test", customer.New{
			Traits:     customer.Traits{"name": name, "has_kids": json.RawMessage(`true`), "city": json.RawMessage(`"شیراز"`)},
			Identities: []customer.Identity{{Kind: customer.Phone, Value: "۰۹۱۲۱۲۳۴۵۶۷"}},
			Consent:    []customer.Consent{{Channel: "sms", Granted: true, Source: "store"}},
		})
		if err != nil {
			t.Fatal(err)
		}
		var got string
		json.Unmarshal(c.Traits["name"], &got)
		if got != "سارا\u200cبانو 👟" {
			t.Fatalf("name round-trip: %q", got)
		}
		_, err = customer.Create(ctx, db, ws, "IR", "test", customer.New{Identities: []customer.Identity{{Kind: customer.Phone, Value: "+989121234567"}}})
		if !errs.Is(err, errs.Exist) {
			t.Fatalf("creating a second customer with a known phone: %v", err)
		}
		c, err = customer.Update(ctx, db, ws, "IR", "test", c.ID, customer.Patch{
			Traits:  customer.Traits{"city": json.RawMessage(`null`), "vip": json.RawMessage(`true`)},
			Consent: []customer.Consent{{Channel: "sms", Granted: false, Source: "sms-reply", Note: "لغو ۱۱"}},
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := c.Traits["city"]; ok || string(c.Traits["vip"]) != "true" || string(c.Traits["has_kids"]) != "true" {
			t.Fatalf("traits after patch: %s", c.Traits)
		}
		if len(c.Consent) != 1 || c.Consent[0].Granted || c.Consent[0].Source != "sms-reply" {
			t.Fatalf("consent = %+v", c.Consent)
		}
		var history int
		db.QueryRow(ctx, "SELECT COUNT(*) FROM consents WHERE customer_id = ?", c.ID).Scan(&history)
		if history != 2 {
			t.Fatalf("consent history has %d rows, want 2 (withdrawal keeps the grant)", history)
		}
		_, err = customer.Update(ctx, db, ws, "IR", "test", c.ID, customer.Patch{Consent: []customer.Consent{{Channel: "fax"}}})
		if !errs.Is(err, errs.Invalid) {
			t.Fatalf("unknown consent channel: %v", err)
		}
	})
}

func TestMergeAndUndo(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ws := newWorkspace(t, db, "aria")
		into, _ := customer.Create(ctx, db, ws, "IR", "t", customer.New{
			Traits:     customer.Traits{"name": json.RawMessage(`"Sara"`)},
			Identities: []customer.Identity{{Kind: customer.Email, Value: "sara@example.com"}}})
		from, _ := customer.Create(ctx, db, ws, "IR", "t", customer.New{
			Traits:     customer.Traits{"name": json.RawMessage(`"S."`), "city": json.RawMessage(`"Tabriz"`)},
			Identities: []customer.Identity{{Kind: customer.Phone, Value: "09121112222"}}})
		m, err := customer.MergeInto(ctx, db, ws, into.ID, from.ID, "admin")
		if err != nil {
			t.Fatal(err)
		}
		got, _ := customer.Lookup(ctx, db, ws, "IR", customer.Phone, "09121112222")
		if got.ID != into.ID || string(got.Traits["name"]) != `"Sara"` || string(got.Traits["city"]) != `"Tabriz"` {
			t.Fatalf("after merge: %+v", got)
		}
		if viaOld, _ := customer.Get(ctx, db, ws, from.ID); viaOld.ID != into.ID || len(viaOld.MergedFrom) != 1 {
			t.Fatalf("the merged-away id must lead to the survivor: %+v", viaOld)
		}
		if err := customer.Unmerge(ctx, db, ws, m.ID, "admin"); err != nil {
			t.Fatal(err)
		}
		back, _ := customer.Lookup(ctx, db, ws, "IR", customer.Phone, "09121112222")
		survivor, _ := customer.Get(ctx, db, ws, into.ID)
		if back.ID != from.ID || survivor.Traits["city"] != nil || len(survivor.MergedFrom) != 0 {
			t.Fatalf("after undo: phone on %d, survivor %+v", back.ID, survivor)
		}
		if err := customer.Unmerge(ctx, db, ws, m.ID, "admin"); !errs.Is(err, errs.Conflict) {
			t.Fatalf("second undo: %v", err)
		}
		var audits int
		db.QueryRow(ctx, "SELECT COUNT(*) FROM audit_log WHERE action IN ('customer.merge', 'customer.unmerge')").Scan(&audits)
		if audits != 2 {
			t.Fatalf("audit rows = %d", audits)
		}
	})
}
