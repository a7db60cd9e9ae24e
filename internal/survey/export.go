package survey

import (
	"context"
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// CSVHeader is the first line of a response export: one line per answer.
var CSVHeader = []string{"response_id", "survey_id", "customer_id", "status", "question", "kind", "score",
	"choices", "text", "touchpoint", "channel", "language", "answered_at"}

// ExportCSV writes every answer of a survey as CSV, one line per answer,
// oldest response first, streaming so a big survey costs no memory.
func ExportCSV(ctx context.Context, db *store.DB, workspaceID, surveyID int64, w io.Writer) error {
	const op = "survey.ExportCSV"
	rows, err := db.Query(ctx, `SELECT a.response_id, a.survey_id, a.customer_id, r.status, a.question, a.kind, a.score,
		a.choice, a.text, a.touchpoint, a.channel, a.language, a.answered_at
		FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id
		WHERE a.workspace_id = ? AND a.survey_id = ? ORDER BY a.response_id, a.id`, workspaceID, surveyID)
	if err != nil {
		return errs.Wrap(op, err)
	}
	defer rows.Close()
	cw := csv.NewWriter(w)
	cw.Write(CSVHeader)
	for rows.Next() {
		var rid, sid, at int64
		var cust *int64
		var score *int
		var st, q, kind, choice, text, tp, ch, lang string
		if err := rows.Scan(&rid, &sid, &cust, &st, &q, &kind, &score, &choice, &text, &tp, &ch, &lang, &at); err != nil {
			return errs.Wrap(op, err)
		}
		cw.Write([]string{i64(rid), i64(sid), optI64(cust), st, q, kind, optInt(score), choice, cell(text), tp, ch, lang,
			store.Time(at).Format("2006-01-02T15:04:05Z")})
	}
	cw.Flush()
	if err := rows.Err(); err != nil {
		return errs.Wrap(op, err)
	}
	return errs.Wrap(op, cw.Error())
}

// cell defuses text a spreadsheet would run as a formula: a comment that
// starts with = + - @ is prefixed with an apostrophe.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func i64(n int64) string { return strconv.FormatInt(n, 10) }

func optI64(n *int64) string {
	if n == nil {
		return ""
	}
	return i64(*n)
}

func optInt(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}
