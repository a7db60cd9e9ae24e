package track

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
)

// Line is one event read from a file or stream.
type Line struct {
	Raw json.RawMessage
	N   int   // its line (NDJSON) or row (CSV) number, from 1
	End int64 // the byte offset just after it, where a resumed read starts
	Err error // why the line could not even be read as an event
}

// Reader yields the events of a history file one at a time; Next returns
// io.EOF after the last.
type Reader interface {
	Next() (Line, error)
}

// Progress is how far an import got.
type Progress struct {
	Line     int   `json:"line"`
	Offset   int64 `json:"offset"`
	Accepted int   `json:"accepted"`
	Rejected int   `json:"rejected"`
}

// ImportOptions tune Import.
type ImportOptions struct {
	Chunk int // events stored per commit; 0 means 1000
	// IDPrefix, when set, names events that carry no messageId by their
	// line, so importing the same file again stores nothing twice.
	IDPrefix string
	// Done is called after each chunk is committed, with the running
	// progress and the chunk's rejections; an error stops the import.
	Done func(Progress, []Rejection) error
}

// Import reads events from rd and stores them chunk by chunk; each
// rejection's Index is its line number less one. It returns the progress
// up to the last committed chunk.
func (in *Ingester) Import(ctx context.Context, src *Source, rd Reader, p Progress, opt ImportOptions) (Progress, error) {
	if opt.Chunk <= 0 {
		opt.Chunk = 1000
	}
	for {
		events, rejected, next, err := in.readChunk(src, rd, p, opt)
		if err != nil && !errors.Is(err, io.EOF) {
			return p, err
		}
		if serr := in.Store(ctx, events); serr != nil {
			return p, serr
		}
		next.Accepted += len(events)
		next.Rejected += len(rejected)
		p = next
		if opt.Done != nil {
			if derr := opt.Done(p, rejected); derr != nil {
				return p, derr
			}
		}
		if errors.Is(err, io.EOF) {
			return p, nil
		}
	}
}

// readChunk prepares up to Chunk events and says where the chunk ends.
func (in *Ingester) readChunk(src *Source, rd Reader, p Progress, opt ImportOptions) ([]*Event, []Rejection, Progress, error) {
	var events []*Event
	var rejected []Rejection
	now := time.Now()
	for len(events)+len(rejected) < opt.Chunk {
		l, err := rd.Next()
		if err != nil {
			return events, rejected, p, err
		}
		p.Line, p.Offset = l.N, l.End
		if l.Err != nil {
			rejected = append(rejected, rejection(l.N-1, l.Err))
			continue
		}
		env := Envelope{Received: now}
		if opt.IDPrefix != "" {
			env.MessageID = opt.IDPrefix + strconv.Itoa(l.N)
		}
		e, err := src.Prepare(l.Raw, env, in.opt.MaxFuture)
		if err != nil {
			rejected = append(rejected, rejection(l.N-1, err))
			continue
		}
		events = append(events, e)
	}
	return events, rejected, p, nil
}

// SourceID fingerprints a file by its name, size and first bytes, so an
// import resumes only on the file it started with.
func SourceID(name string, size int64, head []byte) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s|%d|", name, size)
	h.Write(head)
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// ndjson reads one JSON event per line.
type ndjson struct {
	r   *bufio.Reader
	n   int
	off int64
}

// NewNDJSON reads newline-delimited JSON that starts at byte offset off,
// just after line n.
func NewNDJSON(r io.Reader, off int64, n int) Reader {
	return &ndjson{r: bufio.NewReaderSize(r, 64<<10), n: n, off: off}
}

// Next returns the next non-blank line.
func (d *ndjson) Next() (Line, error) {
	for {
		b, err := d.r.ReadBytes('\n')
		if len(b) == 0 && err != nil {
			return Line{}, err
		}
		d.n++
		d.off += int64(len(b))
		b = bytes.TrimSpace(b)
		if len(b) == 0 {
			continue
		}
		l := Line{Raw: b, N: d.n, End: d.off}
		if b[0] != '{' {
			l.Err = errs.E("track", errs.Invalid, "line %d is not a JSON object", d.n)
		}
		return l, nil
	}
}
