package comment

import (
	"context"
	"fmt"
	"unicode/utf8"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/textan"
)

// MaxBatch bounds the texts of one AnalyzeTexts call.
const MaxBatch = 1000

// BadText is one refused text of a batch, by its index.
type BadText struct {
	Index  int
	Detail string
}

// BatchError lists the refused texts of a batch; nothing of it was read.
type BatchError struct {
	Err   *errs.Error // the kind and message of the whole batch
	Items []BadText
}

// Error renders the batch's error.
func (e *BatchError) Error() string { return e.Err.Error() }

// Unwrap gives errs the batch's kind.
func (e *BatchError) Unwrap() error { return e.Err }

// AnalyzeTexts reads a batch of texts with the workspace's model and
// themes, in order. A batch over MaxBatch is TooLarge; a text over
// MaxAnalysed bytes or not valid UTF-8 makes the batch Invalid, with
// every such text named by its index in a *BatchError.
func AnalyzeTexts(ctx context.Context, db *store.DB, workspaceID int64, texts []string) ([]textan.Result, Versions, error) {
	if err := CheckTexts(texts); err != nil {
		return nil, Versions{}, err
	}
	a, v, err := Analyzer(ctx, db, workspaceID)
	if err != nil {
		return nil, v, errs.Wrap("comment.AnalyzeTexts", err)
	}
	out := make([]textan.Result, len(texts))
	for i, t := range texts {
		out[i] = a.Analyze(t)
	}
	return out, v, nil
}

// CheckTexts applies AnalyzeTexts' limits.
func CheckTexts(texts []string) error {
	const op = "comment.AnalyzeTexts"
	if len(texts) == 0 {
		return errs.Field(op, "texts", "send at least one text")
	}
	if len(texts) > MaxBatch {
		return &BatchError{Err: &errs.Error{Op: op, Kind: errs.TooLarge, Field: "texts",
			Msg: fmt.Sprintf("send at most %d texts in one batch, not %d", MaxBatch, len(texts))},
			Items: []BadText{{Index: MaxBatch, Detail: fmt.Sprintf("texts from index %d on are over the limit", MaxBatch)}}}
	}
	var bad []BadText
	for i, t := range texts {
		switch {
		case len(t) > MaxAnalysed:
			bad = append(bad, BadText{i, fmt.Sprintf("the text is %d bytes; %d at most", len(t), MaxAnalysed)})
		case !utf8.ValidString(t):
			bad = append(bad, BadText{i, "the text is not valid UTF-8"})
		}
	}
	if len(bad) > 0 {
		return &BatchError{Err: errs.Field(op, "texts", "%d of %d texts were refused; none was analysed", len(bad), len(texts)), Items: bad}
	}
	return nil
}
