package survey

import (
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"time"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/errs"
)

// CSV import columns other than question ids. Options of a multiple
// choice question are separated by ";" in their cell.
var importColumns = map[string]bool{"external_id": true, "answered_at": true, "touchpoint": true, "channel": true,
	"language": true, "email": true, "phone": true, "user_id": true, "account": true, "card": true}

// maxImportRows bounds one CSV upload.
const maxImportRows = 50000

// ParseImportCSV reads responses from CSV with a header line: the columns
// above plus one column per question id. An error names the line.
func (s *Survey) ParseImportCSV(r io.Reader) ([]Imported, error) {
	const op = "survey.ParseImportCSV"
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, errs.E(op, errs.Invalid, "line 1: the CSV needs a header line: %v", err)
	}
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		header[i] = h
		if _, ok := s.Question(h); !ok && !importColumns[h] {
			return nil, errs.E(op, errs.Invalid, "line 1: column %q is neither a question of the survey nor one of external_id, answered_at, email, phone, user_id, touchpoint, channel, language", h)
		}
	}
	var out []Imported
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, errs.E(op, errs.Invalid, "line %d: %v", line, err)
		}
		if len(out) == maxImportRows {
			return nil, errs.E(op, errs.TooLarge, "line %d: at most %d responses per upload", line, maxImportRows)
		}
		it, err := importRow(header, rec)
		if err != nil {
			return nil, errs.E(op, errs.Invalid, "line %d: %s", line, errs.Message(err))
		}
		out = append(out, it)
	}
}

func importRow(header, rec []string) (Imported, error) {
	it := Imported{Answers: map[string]Values{}}
	for i, v := range rec {
		if i >= len(header) {
			return it, errs.E("survey.importRow", errs.Invalid, "more cells than header columns")
		}
		if err := it.set(header[i], v); err != nil {
			return it, err
		}
	}
	return it, nil
}

func (it *Imported) set(col, v string) error {
	switch col {
	case "external_id":
		it.ExternalID = v
	case "answered_at":
		t, err := time.Parse(time.RFC3339, strings.TrimSpace(v))
		if err != nil {
			return errs.E("survey.importRow", errs.Invalid, "answered_at %q is not a time like 2025-03-01T10:00:00Z", v)
		}
		it.AnsweredAt = t
	case "touchpoint":
		it.Touchpoint = v
	case "channel":
		it.Channel = v
	case "language":
		it.Language = v
	case "email", "phone", "user_id", "account", "card":
		if strings.TrimSpace(v) != "" {
			it.Customer = append(it.Customer, customer.Identity{Kind: customer.Kind(col), Value: v})
		}
	default:
		it.Answers[col] = Values{v}
	}
	return nil
}
