package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/tajrobe/tajrobe/internal/auth"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

// run runs the CLI in-process with a clean environment plus env.
func run(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(context.Background(), args, &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string { return env[k] }})
	return code, out.String(), errb.String()
}

func TestInitJSONOnBothEngines(t *testing.T) {
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		t.Run(d.String(), func(t *testing.T) {
			target := storetest.Target(t, d)
			code, out, errs := run(t, map[string]string{"TAJROBE_DB": target}, "init", "--json", "--workspace", "کفش آریا",
				"--slug", "aria", "--admin-email", "Owner@Example.com")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			var res map[string]any
			if err := json.Unmarshal([]byte(out), &res); err != nil {
				t.Fatalf("init --json printed %q: %v", out, err)
			}
			for _, k := range []string{"workspace_id", "write_key", "secret_key", "admin_email", "admin_password"} {
				if res[k] == nil || res[k] == "" {
					t.Errorf("init --json lacks %s: %v", k, res)
				}
			}
			db, err := store.Open(context.Background(), target, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := auth.Authenticate(context.Background(), db, "owner@example.com", res["admin_password"].(string)); err != nil {
				t.Fatalf("the printed password does not sign in: %v", err)
			}
			if k, err := auth.LookupKey(context.Background(), db, res["secret_key"].(string)); err != nil || k.Kind != auth.SecretKey {
				t.Fatalf("the printed secret key does not work: %v", err)
			}
			code, _, errs = run(t, map[string]string{"TAJROBE_DB": target}, "init", "--slug", "aria")
			if code == 0 || !strings.Contains(errs, "already exists") {
				t.Fatalf("a second init with the same slug: exit %d, %q", code, errs)
			}
		})
	}
}

func TestHelpDocumentsEveryFlag(t *testing.T) {
	for name := range commands() {
		code, _, errs := run(t, nil, name, "--help")
		if code != 0 {
			t.Errorf("%s --help exited %d", name, code)
		}
		if name != "version" && !strings.Contains(errs, "TAJROBE_") {
			t.Errorf("%s --help does not name the environment variables:\n%s", name, errs)
		}
	}
}

func TestBadInputIsExplained(t *testing.T) {
	cases := []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"frobnicate"}, nil, `unknown command "frobnicate"`},
		{[]string{"serve", "--no-such-flag"}, nil, "flag provided but not defined"},
		{[]string{"serve", "extra"}, nil, `unexpected argument "extra"`},
		{[]string{"serve"}, map[string]string{"TAJROBE_MAX_CONNS": "many"}, "TAJROBE_MAX_CONNS"},
		{[]string{"serve", "--log-level", "loud"}, nil, "log level must be"},
	}
	for _, c := range cases {
		code, _, errs := run(t, c.env, c.args...)
		if code == 0 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", c.args, code, errs, c.want)
		}
	}
}

func TestDemoLoadsReproducibly(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the full demo data set")
	}
	counts := func() string {
		target := t.TempDir()
		code, out, errs := run(t, nil, "demo", "--load-only", "--db", target, "--scale", "0.2")
		if code != 0 {
			t.Fatalf("demo exit %d: %s", code, errs)
		}
		var lines []string
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(l, " customers, ") {
				lines = append(lines, l)
			}
		}
		return strings.Join(lines, "\n")
	}
	first, second := counts(), counts()
	if first != second || strings.Count(first, "customers") != 2 {
		t.Fatalf("the demo is not reproducible:\n%s\n---\n%s", first, second)
	}
}
