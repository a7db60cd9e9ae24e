package track_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/track"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// TestImportResumes interrupts an NDJSON import after its first chunk,
// resumes it, and finds every good line stored once and each bad line
// reported by number.
func TestImportResumes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, track.Options{})
		var lines []string
		for i := 1; i <= 25; i++ {
			switch i {
			case 7:
				lines = append(lines, `{"type":"track","userId":"u-7"`) // broken JSON
			case 13:
				lines = append(lines, `{"type":"track","event":"Nobody"}`)
			case 20:
				lines = append(lines, "") // blank lines are skipped
			default:
				lines = append(lines, fmt.Sprintf(`{"type":"track","userId":"u-%d","event":"خرید","timestamp":"2024-0%d-01T10:00:00Z"}`, i%4, 1+i%9))
			}
		}
		path := filepath.Join(t.TempDir(), "history.ndjson")
		os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o600)
		ws, _ := workspace.Get(context.Background(), db, f.ws.WorkspaceID)
		calls := 0
		_, err := f.in.ImportFile(context.Background(), ws, track.FileImport{Path: path, Chunk: 10,
			Progress: func(track.ImportState, int64, []track.Rejection) { calls++ }})
		if err != nil {
			t.Fatal(err)
		}
		if n := f.count(`SELECT COUNT(*) FROM events`); n != 22 {
			t.Fatalf("%d events after a full import, want 22", n)
		}
		// Interrupt a fresh import of the same file after one chunk, then resume.
		db.Exec(context.Background(), `DELETE FROM event_imports`)
		var rejected []int
		st, err := f.in.ImportFile(context.Background(), ws, track.FileImport{Path: path, Chunk: 10, Restart: true,
			Progress: func(_ track.ImportState, _ int64, rj []track.Rejection) {
				for _, r := range rj {
					rejected = append(rejected, r.Index+1)
				}
			}})
		if err != nil || !st.Done {
			t.Fatalf("re-import = %+v, %v", st, err)
		}
		if n := f.count(`SELECT COUNT(*) FROM events`); n != 22 {
			t.Errorf("%d events after importing the file twice, want 22: lines name their events", n)
		}
		if fmt.Sprint(rejected) != "[7 13]" {
			t.Errorf("rejected lines = %v, want [7 13]", rejected)
		}
		if _, err := f.in.ImportFile(context.Background(), ws, track.FileImport{Path: path}); !errs.Is(err, errs.Exist) {
			t.Errorf("importing a finished file again = %v, want Exist", err)
		}
	})
}

func TestCSVImportInterruptedMidway(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, track.Options{})
		var b strings.Builder
		b.WriteString("type,event,userId,messageId,signal,properties.note\n")
		for i := 1; i <= 30; i++ {
			fmt.Fprintf(&b, "track,Visit,u-%d,csv-%d,%d,\"یادداشت, %d\"\n", i%5, i, i%5-2, i)
		}
		path := filepath.Join(t.TempDir(), "history.csv")
		os.WriteFile(path, []byte(b.String()), 0o600)
		ws, _ := workspace.Get(context.Background(), db, f.ws.WorkspaceID)
		ctx, cancel := context.WithCancel(context.Background())
		chunks := 0
		_, err := f.in.ImportFile(ctx, ws, track.FileImport{Path: path, Chunk: 8,
			Progress: func(track.ImportState, int64, []track.Rejection) {
				if chunks++; chunks == 2 {
					cancel() // interrupted after the second chunk's commit, before its progress is saved
				}
			}})
		if err == nil {
			t.Fatal("the interrupted import reported success")
		}
		first := 0
		st, err := f.in.ImportFile(context.Background(), ws, track.FileImport{Path: path, Chunk: 8,
			Progress: func(st track.ImportState, _ int64, _ []track.Rejection) {
				if first == 0 {
					first = st.Line
				}
			}})
		if err != nil || st.Accepted != 30 {
			t.Fatalf("resumed import = %+v, %v; want 30 accepted in all", st, err)
		}
		if first != 17 {
			t.Errorf("the resumed import's first chunk ended at row %d, want 17: it must resume after the saved chunk", first)
		}
		if n := f.count(`SELECT COUNT(*) FROM events`); n != 30 {
			t.Errorf("%d events, want 30, each once", n)
		}
		e := f.event("csv-12")
		if e.Signal == nil || *e.Signal != 0 || !strings.Contains(e.Properties, "یادداشت, 12") {
			t.Errorf("csv-12 = signal %v properties %s", e.Signal, e.Properties)
		}
	})
}

func TestImportEndpoint(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, track.Options{})
		body := `{"type":"track","messageId":"api-1","userId":"u","event":"Visit"}
{"type":"identify","messageId":"api-2","userId":"u","traits":{"email":"not-an-email"}}
{"type":"identify","messageId":"api-3","userId":"u","traits":{"email":"u@example.com"}}
`
		st, res := f.secret("POST", "/api/v1/events", []byte(body))
		errs := errorsOf(res)
		if st != 400 || len(errs) != 1 || errs[0]["index"] != 1.0 || errs[0]["field"] != "traits.email" {
			t.Fatalf("import = %d %v, want line 2's e-mail rejected", st, res)
		}
		if n := f.count(`SELECT COUNT(*) FROM events`); n != 2 {
			t.Errorf("%d events stored, want 2", n)
		}
		if st, _ := f.secret("POST", "/api/v1/events", []byte(strings.Split(body, "\n")[0])); st != 200 {
			t.Errorf("a clean import = %d, want 200", st)
		}
	})
}
