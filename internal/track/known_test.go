package track_test

import (
	"context"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/track"
)

// The node's memory of identities follows a merge and its undo at once,
// though its TTL is long: every group checks the workspace's merge mark.
func TestKnownIdentitiesFollowMerges(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, track.Options{IdentityTTL: time.Hour})
		track1 := func(msg, user string) int64 {
			t.Helper()
			if code, body := f.send("/v1/track", map[string]any{"messageId": msg, "userId": user, "event": "Product Viewed"}); code != 200 {
				t.Fatalf("track: %d %v", code, body)
			}
			return f.event(msg).CustomerID
		}
		sara, nima := track1("m1", "sara"), track1("m2", "nima")
		if sara == nima || track1("m3", "sara") != sara {
			t.Fatal("two people, one customer each")
		}
		m, err := customer.MergeInto(context.Background(), db, f.ws.WorkspaceID, nima, sara, "test")
		if err != nil {
			t.Fatal(err)
		}
		if got := track1("m4", "sara"); got != nima {
			t.Fatalf("after the merge sara's event went to %d; want the surviving profile %d", got, nima)
		}
		if err := customer.Unmerge(context.Background(), db, f.ws.WorkspaceID, m.ID, "test"); err != nil {
			t.Fatal(err)
		}
		if got := track1("m5", "sara"); got != sara {
			t.Fatalf("after the undo sara's event went to %d; want her own profile %d", got, sara)
		}
	})
}
