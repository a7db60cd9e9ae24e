package track

import (
	"context"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// maxReason bounds the stored reason; a driver error can be long.
const maxReason = 2000

// saveFailed keeps an accepted event that could not be stored, verbatim,
// with the reason, so nothing acknowledged is lost and replay can retry it.
func (in *Ingester) saveFailed(e *Event, cause error) error {
	ctx, cancel := context.WithTimeout(context.Background(), commitTimeout)
	defer cancel()
	reason := cause.Error()
	if len(reason) > maxReason {
		reason = reason[:maxReason]
	}
	in.opt.Log.Warn("event failed; kept in the failed-events store", "workspace", e.WorkspaceID, "message_id", e.MessageID, "err", cause)
	_, err := in.db.Exec(ctx, `INSERT INTO failed_events (workspace_id, message_id, type, sent_at, payload, reason, received_at, failed_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, e.WorkspaceID, e.MessageID, e.env.Type, e.env.SentAt, string(e.Raw), reason,
		store.Millis(e.ReceivedAt), store.Millis(in.db.Now()))
	return err
}

// Replayed counts what a replay did.
type Replayed struct {
	Stored int `json:"stored"` // now in the events table (or were already)
	Failed int `json:"failed"` // failed again; the reason is updated
}

// failedRow is one pending row of the failed-events store.
type failedRow struct {
	id, ws   int64
	typ      string
	msgID    string
	sentAt   string
	payload  []byte
	received int64
}

// Replay retries up to limit failed events, oldest first; workspaceID 0
// means every workspace. Each is validated again against today's
// touchpoints and mappings, then stored on its own.
func (in *Ingester) Replay(ctx context.Context, workspaceID int64, limit int) (Replayed, error) {
	const op = "track.Replay"
	rows, err := pendingFailed(ctx, in.db, workspaceID, limit)
	if err != nil {
		return Replayed{}, errs.Wrap(op, err)
	}
	var res Replayed
	for _, r := range rows {
		err := in.replayOne(ctx, r)
		now := store.Millis(in.db.Now())
		if err == nil {
			res.Stored++
			_, err = in.db.Exec(ctx, `UPDATE failed_events SET replayed_at = ? WHERE id = ?`, now, r.id)
		} else {
			res.Failed++
			reason := err.Error()
			if len(reason) > maxReason {
				reason = reason[:maxReason]
			}
			_, err = in.db.Exec(ctx, `UPDATE failed_events SET attempts = attempts + 1, reason = ?, failed_at = ? WHERE id = ?`, reason, now, r.id)
		}
		if err != nil {
			return res, errs.Wrap(op, err)
		}
	}
	return res, nil
}

func (in *Ingester) replayOne(ctx context.Context, r failedRow) error {
	ws, err := workspace.Get(ctx, in.db, r.ws)
	if err != nil {
		return err
	}
	src, err := in.SourceFor(ctx, ws)
	if err != nil {
		return err
	}
	e, err := src.Prepare(r.payload, Envelope{Type: r.typ, SentAt: r.sentAt, Received: store.Time(r.received), MessageID: r.msgID}, 0)
	if err != nil {
		return err
	}
	return in.commit([]*Event{e})
}

func pendingFailed(ctx context.Context, db *store.DB, workspaceID int64, limit int) ([]failedRow, error) {
	if limit <= 0 {
		limit = 1000
	}
	q := `SELECT id, workspace_id, type, message_id, sent_at, payload, received_at FROM failed_events WHERE replayed_at IS NULL`
	args := []any{}
	if workspaceID != 0 {
		q += ` AND workspace_id = ?`
		args = append(args, workspaceID)
	}
	rows, err := db.Query(ctx, q+` ORDER BY id LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []failedRow
	for rows.Next() {
		var r failedRow
		if err := rows.Scan(&r.id, &r.ws, &r.typ, &r.msgID, &r.sentAt, &r.payload, &r.received); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// FailedCount returns how many failed events of the workspace wait for a
// replay; workspaceID 0 counts them all.
func FailedCount(ctx context.Context, db *store.DB, workspaceID int64) (int, error) {
	var n int
	err := db.QueryRow(ctx, `SELECT COUNT(*) FROM failed_events WHERE replayed_at IS NULL AND (? = 0 OR workspace_id = ?)`,
		workspaceID, workspaceID).Scan(&n)
	return n, errs.Wrap("track.FailedCount", err)
}
