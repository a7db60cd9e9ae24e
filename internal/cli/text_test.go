package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tajrobe/tajrobe/internal/comment"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

func runIn(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(context.Background(), args, &Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Getenv: func(string) string { return "" }})
	return code, out.String(), errb.String()
}

func TestTextAnalyzeWritesOneLinePerLine(t *testing.T) {
	in := "غذا عالی بود ولی پیک دیر رسید\n\n😀😀\r\nThe staff were rude\n\xff\xfe 123\n" + strings.Repeat("بد ", 40000)
	code, out, errs := runIn(t, in, "text", "analyze")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 6 {
		t.Fatalf("%d output lines for 6 input lines:\n%s", len(lines), out)
	}
	want := []string{"negative", "neutral", "positive", "negative", "neutral", "negative"}
	for i, l := range lines {
		var r struct {
			Language  string `json:"language"`
			Sentiment string `json:"sentiment"`
			Aspects   []any  `json:"aspects"`
			Topics    []any  `json:"topics"`
			Emotions  []any  `json:"emotions"`
		}
		if err := json.Unmarshal([]byte(l), &r); err != nil || r.Sentiment != want[i] || r.Aspects == nil || r.Emotions == nil {
			t.Errorf("line %d = %s (%v), want %s", i+1, l, err, want[i])
		}
	}
}

func TestTextEval(t *testing.T) {
	code, out, errs := runIn(t, "", "text", "eval", "../textan/testdata/en_heldout.tsv")
	if code != 0 || !strings.Contains(out, "macro-F1=") {
		t.Fatalf("exit %d: %s %s", code, out, errs)
	}
	bad := filepath.Join(t.TempDir(), "bad.tsv")
	os.WriteFile(bad, []byte("positive\tfine\nmaybe\tnot a label\n"), 0o600)
	for _, args := range [][]string{{"text", "eval"}, {"text", "eval", bad}, {"text", "eval", "/no/such.tsv"}, {"text"}, {"text", "shout"}} {
		if code, _, errs := runIn(t, "", args...); code != 2 || errs == "" {
			t.Errorf("%q: exit %d, %q; want 2 and a message", args, code, errs)
		}
	}
	if _, _, errs := runIn(t, "", "text", "eval", bad); !strings.Contains(errs, "line 2") {
		t.Errorf("the bad line is not named: %s", errs)
	}
}

func TestTextLearnOnBothEngines(t *testing.T) {
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		t.Run(d.String(), func(t *testing.T) {
			target := storetest.Target(t, d)
			if code, _, errs := runIn(t, "", "init", "--db", target, "--workspace", "Napoli", "--slug", "napoli", "--admin-email", "a@example.com"); code != 0 {
				t.Fatalf("init: %s", errs)
			}
			if code, _, errs := runIn(t, "", "text", "learn", "--db", target, "--workspace", "napoli"); code != 1 || !strings.Contains(errs, "nothing learned") {
				t.Fatalf("learning from nothing: exit %d, %s", code, errs)
			}
			seedReviews(t, target, 80)
			code, out, errs := runIn(t, "", "text", "learn", "--db", target, "--workspace", "napoli", "--reanalyse")
			var res struct {
				Model struct {
					Version  int `json:"version"`
					Positive int `json:"positive"`
				} `json:"model"`
				Reanalysed int `json:"reanalysed"`
			}
			if code != 0 || json.Unmarshal([]byte(out), &res) != nil || res.Model.Version != 1 || res.Model.Positive != 40 || res.Reanalysed != 80 {
				t.Fatalf("learn: exit %d, %s %s", code, out, errs)
			}
			code, out, errs = runIn(t, "crust like cardboard\n", "text", "analyze", "--db", target, "--workspace", "napoli")
			if code != 0 || !strings.Contains(out, `"score":-`) {
				t.Fatalf("analyze with the learned model: exit %d, %s %s", code, out, errs)
			}
			if code, _, errs := runIn(t, "", "text", "learn", "--db", target, "--workspace", "nowhere"); code != 2 || !strings.Contains(errs, "nowhere") {
				t.Fatalf("unknown workspace: exit %d, %s", code, errs)
			}
		})
	}
}

// seedReviews writes rated reviews whose words only learning can read.
func seedReviews(t *testing.T, target string, n int) {
	ctx := context.Background()
	db, err := store.Open(ctx, target, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.InTx(ctx, func(tx *store.Tx) error {
		var cust int64
		if err := tx.QueryRow(ctx, `INSERT INTO customers (workspace_id, created_at, updated_at) VALUES (1, 0, 0) RETURNING id`).Scan(&cust); err != nil {
			return err
		}
		for i := range n {
			text, rating := fmt.Sprintf("order %d crust like cardboard", i), 1
			if i%2 == 0 {
				text, rating = fmt.Sprintf("order %d crust like a cloud", i), 5
			}
			props, _ := json.Marshal(map[string]any{"review": text, "rating": rating})
			if _, err := tx.Exec(ctx, `INSERT INTO events (workspace_id, customer_id, message_id, type, properties, occurred_at, received_at, has_text)
				VALUES (1, ?, ?, 'track', ?, 0, 0, ?)`, cust, fmt.Sprint("m", i), string(props), comment.HasText(props)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
