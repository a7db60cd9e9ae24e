// Package e2e drives the real tajrobe binary, started with `tajrobe demo`,
// in headless Chromium: sign in, switch language, open the journey map,
// find a customer by a phone typed in Persian digits, close a case with a
// root cause and reopen another with a reason, build a survey, preview it
// as a customer and reorder its questions, open a ready program and its
// dry run. It skips without /usr/bin/chromium unless TAJROBE_E2E=1 makes
// it mandatory (.ci/e2e/run.sh).
// With TAJROBE_SCREENSHOTS=dir it saves PNGs of the main pages there;
// TAJROBE_BIN names a binary to run instead of building cmd/tajrobe.
package e2e

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tajrobe/tajrobe/internal/locale"
)

const chromium = "/usr/bin/chromium"

// demoServer is a running `tajrobe demo`: its URL and a secret key.
type demoServer struct{ url, secret string }

func startDemo(t *testing.T) demoServer {
	t.Helper()
	bin := os.Getenv("TAJROBE_BIN") // a binary built elsewhere, else one built now
	if bin == "" {
		bin = filepath.Join(t.TempDir(), "tajrobe")
		build := exec.Command("go", "build", "-o", bin, "github.com/tajrobe/tajrobe/cmd/tajrobe")
		if out, err := build.CombinedOutput(); err != nil {
			t.Fatalf("build: %v\n%s", err, out)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "demo", "--addr", "127.0.0.1:0", "--db", t.TempDir())
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	out, _ := cmd.StdoutPipe()
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); cmd.Wait() })
	var d demoServer
	running := regexp.MustCompile(`running at (http://\S+)`)
	secret := regexp.MustCompile(`secret key: (tjs_\S+)`)
	sc := bufio.NewScanner(out)
	for sc.Scan() && (d.url == "" || d.secret == "") {
		if m := running.FindStringSubmatch(sc.Text()); m != nil {
			d.url = m[1]
		}
		if m := secret.FindStringSubmatch(sc.Text()); m != nil && d.secret == "" {
			d.secret = m[1]
		}
	}
	if d.url == "" || d.secret == "" {
		t.Fatal("the demo did not say where it runs")
	}
	go io.Copy(io.Discard, out)
	return d
}

// demoPhone asks the API for customer 1's phone number of the Persian shop.
func demoPhone(t *testing.T, d demoServer) string {
	req, _ := http.NewRequest("GET", d.url+"/api/v1/customers/1", nil)
	req.Header.Set("Authorization", "Bearer "+d.secret)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var c struct {
		Identities []struct{ Kind, Value string }
	}
	json.NewDecoder(res.Body).Decode(&c)
	for _, id := range c.Identities {
		if id.Kind == "phone" {
			return id.Value
		}
	}
	t.Fatalf("customer 1 has no phone: %+v", c)
	return ""
}

func browser(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromium); err != nil {
		if os.Getenv("TAJROBE_E2E") == "1" {
			t.Fatalf("TAJROBE_E2E=1 but %s is missing: apt-get install -y chromium", chromium)
		}
		t.Skipf("end-to-end tests skipped: %s is missing (apt-get install -y chromium, or run .ci/e2e/run.sh)", chromium)
	}
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 900)}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	if err := chromedp.Do(ctx); err != nil { // starts the browser on a context without a deadline
		t.Fatal(err)
	}
	ctx, cancel3 := context.WithTimeout(ctx, 6*time.Minute)
	t.Cleanup(cancel3)
	return ctx
}

func TestConsoleInChromium(t *testing.T) {
	ctx := browser(t)
	d := startDemo(t)
	phone := demoPhone(t, d)
	shots := newShots(t)
	do(t, ctx, "sign in",
		chromedp.Navigate(d.url+"/overview"),
		chromedp.WaitVisible(chromedp.CSS(`html[lang="en"] #email`)), // the browser asks for English
		shots.take("login-en"),
		chromedp.Click(chromedp.ID("lang-switch")),
		chromedp.WaitVisible(chromedp.CSS(`html[lang="fa"] #email`)),
		shots.take("login-fa"),
		chromedp.SendKeys(chromedp.ID("email"), "demo@tajrobe.local"),
		chromedp.SendKeys(chromedp.ID("password"), "tajrobe-demo"),
		chromedp.Click(chromedp.ID("sign-in")),
		chromedp.WaitVisible(chromedp.ID("count-customers")))
	lang := get(t, ctx, chromedp.AttributeValue(chromedp.CSS("html"), "lang")).Value
	customers := get(t, ctx, chromedp.Text(chromedp.ID("count-customers")))
	if lang != "fa" || customers == "" || locale.LatinDigits(customers) == customers { // counted in Persian digits
		t.Fatalf("overview: lang %q, customers %q", lang, customers)
	}
	do(t, ctx, "Persian pages", shots.take("overview-fa"),
		chromedp.Navigate(d.url+"/journey"), chromedp.WaitVisible(chromedp.ID("heatmap")), shots.take("journey-fa"),
		chromedp.Click(chromedp.CSS("#heatmap a.cell")), chromedp.WaitVisible(chromedp.CSS("table.data")),
		shots.take("touchpoint-fa"))
	if url := get(t, ctx, chromedp.Location()); !strings.Contains(url, "/journey/") {
		t.Fatalf("the heat map cell led to %s", url)
	}
	closeCase(t, ctx, d, shots)
	reopenCase(t, ctx, d)
	survey := buildSurvey(t, ctx, d, shots)
	moveQuestion(t, ctx, d, survey)
	do(t, ctx, "analytics", chromedp.Navigate(d.url+"/analytics"), chromedp.WaitVisible(chromedp.ID("quadrant")), shots.take("analytics-fa"))
	prog := openProgram(t, ctx, d, shots)
	typed := locale.PersianDigits("0" + strings.TrimPrefix(phone, "+98"))
	do(t, ctx, "find a customer by a Persian-digit phone",
		chromedp.Navigate(d.url+"/customers"), chromedp.WaitVisible(chromedp.ID("q")),
		chromedp.SendKeys(chromedp.ID("q"), typed), chromedp.Click(chromedp.ID("search")),
		chromedp.WaitVisible(chromedp.ID("customer-name")), shots.take("customer-fa"))
	if url := get(t, ctx, chromedp.Location()); !strings.HasSuffix(url, "/customers/1") {
		t.Fatalf("searching %q led to %s", typed, url)
	}
	phonePages := map[string]string{"overview": "/overview", "journey": "/journey", "touchpoint": "/journey/staff", "customer": "/customers/1",
		"cases": "/cases", "survey": survey, "analytics": "/analytics", "programs": "/programs", "program": prog}
	shots.phone(ctx, d.url, "fa", phonePages)
	do(t, ctx, "switch to English",
		chromedp.Click(chromedp.ID("lang-switch")), chromedp.WaitVisible(chromedp.CSS(`html[lang="en"] #customer-name`)),
		shots.take("customer-en"),
		chromedp.Navigate(d.url+"/overview"), chromedp.WaitVisible(chromedp.ID("count-customers")), shots.take("overview-en"),
		chromedp.Navigate(d.url+"/journey"), chromedp.WaitVisible(chromedp.ID("heatmap")), shots.take("journey-en"))
	if title := get(t, ctx, chromedp.Title()); !strings.Contains(title, "Journey map") || !strings.Contains(title, "Tajrobe") {
		t.Fatalf("English title %q", title)
	}
	do(t, ctx, "English pages", chromedp.Navigate(d.url+"/journey/staff"), chromedp.WaitVisible(chromedp.ID("themes")), shots.take("touchpoint-en"),
		chromedp.Navigate(d.url+"/cases"), chromedp.WaitVisible(chromedp.ID("inbox")), shots.take("cases-en"),
		chromedp.Navigate(d.url+survey), chromedp.WaitVisible(chromedp.ID("q-why")), previewLoaded(), shots.take("survey-en"),
		chromedp.Navigate(d.url+"/analytics"), chromedp.WaitVisible(chromedp.ID("quadrant")), shots.take("analytics-en"),
		chromedp.Navigate(d.url+"/programs"), chromedp.WaitVisible(chromedp.ID("programs")), shots.take("programs-en"),
		chromedp.Navigate(d.url+prog), chromedp.WaitVisible(chromedp.ID("funnel")), shots.take("program-en"))
	shots.phone(ctx, d.url, "en", phonePages)
}

func do(t *testing.T, ctx context.Context, step string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", step, err)
	}
}

func get[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
