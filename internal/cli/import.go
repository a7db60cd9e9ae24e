package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/tajrobe/tajrobe/internal/config"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/track"
)

// maxShownRejections bounds the rejected lines printed; the count is exact.
const maxShownRejections = 50

// runImport runs "tajrobe import events FILE": history from NDJSON or CSV,
// with a progress bar, resumable after an interruption.
func runImport(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 && isHelp(args[0]) {
		args = []string{"events", "--help"}
	}
	if len(args) == 0 || args[0] != "events" {
		return errs.E("cli", errs.Invalid, "usage: tajrobe import events [flags] FILE")
	}
	fs, err := flags(env, "import events", "Import history from FILE: NDJSON (one Segment message per line) or CSV (a header row of message fields:\ntype, event, userId, anonymousId, messageId, timestamp, touchpoint, signal, channel, properties.X, traits.X, context.X).\nAn interrupted import resumes where it stopped when run again.", config.DB, config.LogLevel, config.LogFormat)
	if err != nil {
		return err
	}
	ref := fs.String("workspace", "", "workspace id or slug (default: the only one)")
	var fi track.FileImport
	fs.StringVar(&fi.Format, "format", "", "ndjson or csv (default: by the file's extension)")
	fs.BoolVar(&fi.Restart, "restart", false, "read the file from the start even if an import of it finished or stopped")
	fs.IntVar(&fi.Chunk, "chunk", 2000, "events stored per transaction")
	if fi.Path, err = parseWithFile(fs, args[1:]); err != nil {
		return err
	}
	log, err := logger(env)
	if err != nil {
		return err
	}
	db, err := openDB(ctx, env)
	if err != nil {
		return err
	}
	defer db.Close()
	ws, err := track.PickWorkspace(ctx, db, *ref)
	if err != nil {
		return err
	}
	in := track.New(db, track.Options{RateLimit: -1, Log: log})
	defer in.Close()
	bar := &progressBar{w: env.Stderr, start: time.Now()}
	fi.Progress = bar.update
	st, err := in.ImportFile(ctx, ws, fi)
	bar.finish()
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Imported %s: %d events stored, %d lines rejected, %d lines read.\n", fi.Path, st.Accepted, st.Rejected, st.Line)
	return nil
}

// parseWithFile parses flags around one FILE argument.
func parseWithFile(fs interface {
	Parse([]string) error
	Args() []string
}, args []string) (string, error) {
	if err := fs.Parse(args); err != nil {
		return "", err
	}
	rest := fs.Args()
	if len(rest) == 0 {
		return "", errs.E("cli", errs.Invalid, "name the file to import: tajrobe import events [flags] FILE")
	}
	file := rest[0]
	if err := fs.Parse(rest[1:]); err != nil {
		return "", err
	}
	if len(fs.Args()) > 0 {
		return "", errs.E("cli", errs.Invalid, "unexpected argument %q", fs.Args()[0])
	}
	return file, nil
}

// progressBar draws how far an import got on one terminal line and prints
// the rejected lines above it.
type progressBar struct {
	w     io.Writer
	start time.Time
	shown int
	last  track.ImportState
}

func (b *progressBar) update(st track.ImportState, size int64, rejected []track.Rejection) {
	for _, r := range rejected {
		if b.shown < maxShownRejections {
			field := ""
			if r.Field != "" {
				field = r.Field + ": "
			}
			fmt.Fprintf(b.w, "\r\033[Kline %d: %s%s\n", r.Index+1, field, r.Reason)
		}
		b.shown++
	}
	pct := 100.0
	if size > 0 {
		pct = float64(st.Offset) * 100 / float64(size)
	}
	const width = 30
	fill := int(pct / 100 * width)
	rate := float64(st.Accepted-b.last.Accepted) / max(time.Since(b.start).Seconds(), 0.001)
	fmt.Fprintf(b.w, "\r\033[K[%s%s] %5.1f%%  %d lines  %d stored  %d rejected  %.0f events/s",
		strings.Repeat("#", fill), strings.Repeat(".", width-fill), pct, st.Line, st.Accepted, st.Rejected, rate)
	if b.last.Line == 0 && st.Line > 0 {
		b.last = st // the rate counts this run, not a resumed run's earlier events
		b.last.Accepted = 0
	}
}

func (b *progressBar) finish() {
	if b.shown > maxShownRejections {
		fmt.Fprintf(b.w, "\r\033[K… and %d more rejected lines\n", b.shown-maxShownRejections)
	}
	fmt.Fprintln(b.w)
}
