package workspace_test

import (
	"context"
	"testing"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

func TestCreateAndGet(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := &workspace.Workspace{Name: "کفش آریا", Slug: "aria-shoes"}
		if err := db.InTx(ctx, func(tx *store.Tx) error { return workspace.Create(ctx, tx, w) }); err != nil {
			t.Fatal(err)
		}
		got, err := workspace.Get(ctx, db, w.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "کفش آریا" || got.Language != "fa" || got.Timezone != "Asia/Tehran" || got.Region != "IR" {
			t.Fatalf("got %+v", got)
		}
		dup := &workspace.Workspace{Name: "Other", Slug: "aria-shoes"}
		err = db.InTx(ctx, func(tx *store.Tx) error { return workspace.Create(ctx, tx, dup) })
		if !errs.Is(err, errs.Exist) {
			t.Fatalf("duplicate slug: %v", err)
		}
		if _, err := workspace.Get(ctx, db, w.ID+100); !errs.Is(err, errs.NotExist) {
			t.Fatalf("missing workspace: %v", err)
		}
	})
}

func TestValidate(t *testing.T) {
	cases := []struct {
		w     workspace.Workspace
		field string
	}{
		{workspace.Workspace{Name: " "}, "name"},
		{workspace.Workspace{Name: "x", Language: "de"}, "language"},
		{workspace.Workspace{Name: "x", Timezone: "Mars/Olympus"}, "timezone"},
		{workspace.Workspace{Name: "x", Slug: "Bad Slug"}, "slug"},
		{workspace.Workspace{Name: "Pizza Napoli", Language: "en"}, ""},
	}
	for _, c := range cases {
		err := c.w.Validate()
		if errs.FieldOf(err) != c.field {
			t.Errorf("%+v: err %v, want field %q", c.w, err, c.field)
		}
	}
	if got := workspace.Slugify("Pizza Napoli!"); got != "pizza-napoli" {
		t.Errorf("Slugify = %q", got)
	}
}
