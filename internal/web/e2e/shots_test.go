package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// shots saves screenshots under TAJROBE_SCREENSHOTS, or does nothing.
type shots struct {
	t   *testing.T
	dir string
}

func newShots(t *testing.T) *shots { return &shots{t: t, dir: os.Getenv("TAJROBE_SCREENSHOTS")} }

// upTo names the pages kept only down to one part: a program's page
// down to its funnel, as the editor below runs several screens long.
var upTo = map[string]string{"program": "#funnel"}

// take saves the page as it is on the desktop window.
func (s *shots) take(name string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if s.dir == "" {
			return nil
		}
		// A page that fits the window is captured as shown: Chromium shifts
		// a right-to-left page captured beyond a viewport it does not fill.
		shot := chromedp.CaptureScreenshot()
		if fits, err := chromedp.Evaluate[bool](`document.documentElement.scrollHeight <= window.innerHeight`)(ctx, t); err == nil && !fits {
			shot = chromedp.FullScreenshot(100)
		}
		if sel, ok := upTo[strings.SplitN(name, "-", 2)[0]]; ok {
			nodes, err := chromedp.Nodes(chromedp.CSSAll("body > header, "+sel))(ctx, t)
			if err != nil {
				return err
			}
			shot = chromedp.ScreenshotNodes(nodes, 1) // from the header's top to the part's bottom
		}
		png, err := shot(ctx, t)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(s.dir, name+".png"), png, 0o644)
	})
}

// phone opens each path in a new tab of the same browser (signed in
// alike) on a phone-wide screen and saves it as name-phone. A tab of its
// own keeps the desktop tab's viewport untouched.
func (s *shots) phone(ctx context.Context, base, suffix string, paths map[string]string) {
	s.t.Helper()
	if s.dir == "" {
		return
	}
	tab, cancel := chromedp.NewContext(ctx)
	defer cancel()
	do(s.t, tab, "phone viewport", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	for name, path := range paths {
		do(s.t, tab, "phone "+name, chromedp.Navigate(base+path), chromedp.WaitVisible(chromedp.ID("main")),
			s.take(name+"-"+suffix+"-phone"))
	}
}
