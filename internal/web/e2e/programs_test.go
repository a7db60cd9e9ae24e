package e2e

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/tajrobe/tajrobe/internal/locale"
	"github.com/tajrobe/tajrobe/internal/program"
	"github.com/tajrobe/tajrobe/internal/rules"
)

// seasonalOffer is the ready program every purchase starts, where the
// demo's customers wait two months; named as the Persian shop names it.
func seasonalOffer(t *testing.T) string {
	t.Helper()
	for _, p := range program.Ready(program.Shop{Lang: "fa"}) {
		if p.Trigger.Kind == rules.OnEvent && len(p.Trigger.When) == 0 && len(p.Steps) > 0 && p.Steps[0].Kind == program.Wait {
			return p.Name
		}
	}
	t.Fatal("no ready program starts with a wait")
	return ""
}

// openProgram opens the programs list, then the seasonal offer from it,
// checks its funnel counted customers, and runs its dry run on the newest
// customers: each one walked through is a section, those entering with a
// table of what would happen. It returns the program's path.
func openProgram(t *testing.T, ctx context.Context, d demoServer, shots *shots) string {
	t.Helper()
	name := seasonalOffer(t)
	link := `//table[@id="programs"]//a[normalize-space()="` + name + `"]`
	do(t, ctx, "programs list", chromedp.Navigate(d.url+"/programs"), chromedp.WaitVisible(chromedp.ID("programs")),
		shots.take("programs-fa"),
		chromedp.Click(chromedp.Search(link)), chromedp.WaitVisible(chromedp.ID("funnel")), shots.take("program-fa"))
	if h := get(t, ctx, chromedp.Text(chromedp.CSS("main h1"))); h != name {
		t.Fatalf("the list's link to %q opened %q", name, h)
	}
	reached := get(t, ctx, chromedp.Text(chromedp.CSS(`#funnel tbody tr:first-child td:nth-child(3)`)))
	if n := locale.LatinDigits(reached); n == reached || n == "0" {
		t.Fatalf("the funnel's first step reached %q customers, not a Persian count above zero", reached)
	}
	path := strings.TrimPrefix(get(t, ctx, chromedp.Location()), d.url)
	do(t, ctx, "dry run", chromedp.Click(chromedp.ID("run-dry")),
		chromedp.WaitVisible(chromedp.ID("dry-totals")), chromedp.WaitVisible(chromedp.CSS(`section.dry-run table.trace tbody tr`)))
	if url := get(t, ctx, chromedp.Location()); !strings.Contains(url, path+"/dry-run") {
		t.Fatalf("the dry run button led to %s", url)
	}
	runs := get(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('section.dry-run').length`))
	tables := get(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('section.dry-run table.trace').length`))
	entering := locale.LatinDigits(get(t, ctx, chromedp.Text(chromedp.CSS(`#dry-totals b`))))
	if runs == 0 || tables == 0 || entering != strconv.Itoa(tables) {
		t.Fatalf("dry run: %d customers, %d traces, %q said to enter", runs, tables, entering)
	}
	return path
}
