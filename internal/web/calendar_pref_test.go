package web

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

// Dates as the console writes them in Persian: ۱۴۰۵/۰۹/۰۲ (Jalali) or
// ۲۰۲۶-۱۱-۲۲ (Gregorian).
var (
	jalaliDate    = regexp.MustCompile(`[۱][۳۴][۰-۹]{2}/[۰-۹]{2}/[۰-۹]{2}`)
	gregorianDate = regexp.MustCompile(`۲۰[۰-۹]{2}-[۰-۹]{2}-[۰-۹]{2}`)
)

// TestGregorianPreferenceOnEveryDatedPage opens the pages that show dates
// — profile, cases, programs and a dry run — in Persian, first with the
// default Jalali calendar, then with Gregorian chosen in the preferences:
// every date follows the choice, in Persian digits, and so does the hint
// of the program editor's date field.
func TestGregorianPreferenceOnEveryDatedPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		cs := f.openCase(t, f.ws1, f.cust1, "دیر رسید")
		p := f.mustProgram(t, f.ws1, "پیشنهاد")
		ctx := context.Background()
		if err := db.InTx(ctx, func(tx *store.Tx) error { mustCustomer(ctx, t, tx, f.ws1, "09121112233", "مریم"); return nil }); err != nil {
			t.Fatal(err)
		}
		c := f.signIn(t, "owner@a.test")
		c.post(programPath(p.ID)+"/status", url.Values{"to": {"active"}}, nil)
		f.enterAndRun(t, p.ID, f.cust1)
		pages := []string{fmt.Sprintf("/customers/%d", f.cust1), "/cases", fmt.Sprintf("/cases/%d", cs),
			"/programs", programPath(p.ID), programPath(p.ID) + "/dry-run"}
		for _, calendar := range []string{"jalali", "gregorian"} {
			if res, _ := c.post("/settings/preferences", url.Values{"language": {"fa"}, "calendar": {calendar}}, nil); res.StatusCode != 303 {
				t.Fatalf("save %s: %d", calendar, res.StatusCode)
			}
			want, not, hint := jalaliDate, gregorianDate, `placeholder="۱۴۰۵/۰۱/۰۱"`
			if calendar == "gregorian" {
				want, not, hint = gregorianDate, jalaliDate, `placeholder="۲۰۲۶-۰۳-۲۱"`
			}
			if _, body := c.get(programPath(p.ID)); !strings.Contains(body, hint) {
				t.Errorf("%s: the wait's date field does not hint %s", calendar, hint)
			}
			for _, path := range pages {
				res, body := c.get(path)
				if res.StatusCode != 200 || !want.MatchString(body) || not.MatchString(body) {
					t.Errorf("%s, %s: %d, dates %q, other calendar %q", calendar, path, res.StatusCode,
						want.FindString(body), not.FindString(body))
				}
			}
		}
	})
}
