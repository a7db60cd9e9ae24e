package track

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"strings"

	"github.com/tajrobe/tajrobe/internal/errs"
)

// csvTop are the CSV columns that become top-level message fields. Other
// columns are named properties.X, traits.X or context.X.
var csvTop = map[string]bool{
	"type": true, "messageId": true, "userId": true, "anonymousId": true, "previousId": true, "groupId": true,
	"event": true, "name": true, "timestamp": true, "sentAt": true, "touchpoint": true, "channel": true, "signal": true,
}

// csvReader reads one event per CSV row under a header row.
type csvReader struct {
	r      *csv.Reader
	header []string
	n      int   // rows read, the header being row 1
	base   int64 // byte offset the csv.Reader started at
}

// NewCSV reads CSV events. header is the file's header row when resuming
// at byte offset off after row n; nil reads the header from r.
func NewCSV(r io.Reader, header []string, off int64, n int) (Reader, []string, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	c := &csvReader{r: cr, header: header, n: n, base: off}
	if header == nil {
		h, err := cr.Read()
		if err != nil {
			return nil, nil, errs.E("track.NewCSV", errs.Invalid, "the CSV file has no header row: %v", err)
		}
		c.header, c.n = h, 1
		if err := checkHeader(h); err != nil {
			return nil, nil, err
		}
	}
	return c, c.header, nil
}

func checkHeader(h []string) error {
	for _, col := range h {
		if csvTop[col] || strings.HasPrefix(col, "properties.") || strings.HasPrefix(col, "traits.") || strings.HasPrefix(col, "context.") {
			continue
		}
		return errs.Field("track.NewCSV", col, "column %q is not a message field; name extra columns properties.X, traits.X or context.X", col)
	}
	return nil
}

// Next turns the next row into a message.
func (c *csvReader) Next() (Line, error) {
	rec, err := c.r.Read()
	if err == io.EOF {
		return Line{}, err
	}
	c.n++
	l := Line{N: c.n, End: c.base + c.r.InputOffset()}
	if err != nil {
		l.Err = errs.E("track", errs.Invalid, "row %d is not valid CSV: %v", c.n, err)
		return l, nil
	}
	l.Raw, l.Err = c.message(rec)
	return l, nil
}

// message builds the JSON message of one row; empty cells are left out.
func (c *csvReader) message(rec []string) (json.RawMessage, error) {
	if len(rec) > len(c.header) {
		return nil, errs.E("track", errs.Invalid, "row %d has %d cells but the header names %d", c.n, len(rec), len(c.header))
	}
	m := map[string]any{}
	nested := map[string]map[string]string{}
	for i, v := range rec {
		col := c.header[i]
		if v == "" {
			continue
		}
		if obj, key, ok := strings.Cut(col, "."); ok {
			if nested[obj] == nil {
				nested[obj] = map[string]string{}
			}
			nested[obj][key] = v
			continue
		}
		m[col] = v
		if col == "signal" {
			if n, err := strconv.Atoi(v); err == nil {
				m[col] = n
			}
		}
	}
	for obj, fields := range nested {
		m[obj] = fields
	}
	return json.Marshal(m)
}
