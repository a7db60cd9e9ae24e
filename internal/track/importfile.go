package track

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// FileImport says what file to import and how.
type FileImport struct {
	Path    string
	Format  string // "ndjson" or "csv"; empty picks by the file's extension
	Restart bool   // ignore the progress of an earlier import of this file
	Chunk   int
	// Progress is called after each committed chunk with the state, the
	// file's size and the chunk's rejections (Index is the line less one).
	Progress func(st ImportState, size int64, rejected []Rejection)
}

// ImportFile imports a history file into ws, resuming where an earlier,
// interrupted import of the same file stopped. Lines without a messageId
// are named by file and line, so nothing is stored twice on a resume.
func (in *Ingester) ImportFile(ctx context.Context, ws *workspace.Workspace, fi FileImport) (ImportState, error) {
	const op = "track.ImportFile"
	f, err := os.Open(fi.Path)
	if err != nil {
		return ImportState{}, errs.E(op, errs.Invalid, "cannot open %s: %v", fi.Path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return ImportState{}, errs.Wrap(op, err)
	}
	head := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, head)
	source := SourceID(filepath.Base(fi.Path), info.Size(), head[:n])
	st, err := LoadImport(ctx, in.db, ws.ID, source)
	if err != nil {
		return st, err
	}
	if fi.Restart {
		st = ImportState{}
	}
	if st.Done {
		return st, errs.E(op, errs.Exist, "%s was imported already (%d events); add --restart to read it again (stored events are skipped)", fi.Path, st.Accepted)
	}
	rd, err := openAt(f, fi.Format, fi.Path, st.Progress)
	if err != nil {
		return st, err
	}
	return in.importFrom(ctx, ws, rd, source, info.Size(), st, fi)
}

func (in *Ingester) importFrom(ctx context.Context, ws *workspace.Workspace, rd Reader, source string, size int64, st ImportState, fi FileImport) (ImportState, error) {
	src, err := in.SourceFor(ctx, ws)
	if err != nil {
		return st, err
	}
	p, err := in.Import(ctx, src, rd, st.Progress, ImportOptions{
		Chunk: fi.Chunk, IDPrefix: "imp-" + source[:16] + "-",
		Done: func(p Progress, rj []Rejection) error {
			if fi.Progress != nil {
				fi.Progress(ImportState{Progress: p}, size, rj)
			}
			return SaveImport(ctx, in.db, ws.ID, source, fi.Path, ImportState{Progress: p})
		},
	})
	st = ImportState{Progress: p}
	if err != nil {
		return st, err
	}
	st.Done = true
	return st, SaveImport(ctx, in.db, ws.ID, source, fi.Path, st)
}

// openAt positions a reader of the file's format just after p.
func openAt(f *os.File, format, path string, p Progress) (Reader, error) {
	if format == "" {
		format = "ndjson"
		if strings.EqualFold(filepath.Ext(path), ".csv") {
			format = "csv"
		}
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	switch format {
	case "ndjson", "jsonl":
		if _, err := f.Seek(p.Offset, io.SeekStart); err != nil {
			return nil, err
		}
		return NewNDJSON(f, p.Offset, p.Line), nil
	case "csv":
		rd, header, err := NewCSV(f, nil, 0, 0)
		if err != nil || p.Offset == 0 {
			return rd, err
		}
		if _, err := f.Seek(p.Offset, io.SeekStart); err != nil {
			return nil, err
		}
		rd, _, err = NewCSV(f, header, p.Offset, p.Line)
		return rd, err
	}
	return nil, errs.Field("track.ImportFile", "format", "format must be ndjson or csv, not %q", format)
}
