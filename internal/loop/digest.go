package loop

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/locale"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/timer"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

type digestJob struct {
	WorkspaceID int64 `json:"workspace_id"`
}

// ScheduleDigest adds the workspace's next daily digest, at its digest
// hour in its calendar's time zone. The key names the day, so nodes that
// call it at once add one job.
func ScheduleDigest(ctx context.Context, tx *store.Tx, ws *workspace.Workspace) error {
	set, err := EnsureSettings(ctx, tx, ws)
	if err != nil {
		return err
	}
	loc, err := time.LoadLocation(set.Calendar.Timezone)
	if err != nil {
		loc = time.UTC
	}
	now := tx.Now.In(loc)
	at := time.Date(now.Year(), now.Month(), now.Day(), set.DigestHour, 0, 0, 0, loc)
	if !at.After(now) {
		at = at.AddDate(0, 0, 1)
	}
	key := fmt.Sprintf("digest:%d:%s", ws.ID, at.Format(time.DateOnly))
	_, err = timer.Enqueue(ctx, tx, JobDigest, key, digestJob{WorkspaceID: ws.ID}, at, 0)
	return err
}

// ScheduleDigests adds every workspace's next digest that is not there
// yet; servers call it at start and then now and again, for workspaces
// created since.
func ScheduleDigests(ctx context.Context, db *store.DB) error {
	rows, err := db.Query(ctx, `SELECT id FROM workspaces ORDER BY id`)
	if err != nil {
		return errs.Wrap("loop.ScheduleDigests", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return errs.Wrap("loop.ScheduleDigests", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return errs.Wrap("loop.ScheduleDigests", err)
	}
	for _, id := range ids {
		err := db.InTx(ctx, func(tx *store.Tx) error {
			ws, err := workspaceIn(ctx, tx, id)
			if err != nil {
				return err
			}
			return ScheduleDigest(ctx, tx, ws)
		})
		if err != nil {
			return errs.Wrap("loop.ScheduleDigests", err)
		}
	}
	return nil
}

// runDigest e-mails the workspace's managers a summary of the loop and
// schedules the next day's digest, in one transaction.
func (s *Service) runDigest(ctx context.Context, j timer.Job) error {
	var p digestJob
	if err := parseJob(j, &p); err != nil {
		return err
	}
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		ws, err := workspaceIn(ctx, tx, p.WorkspaceID)
		if err != nil {
			return timer.Permanent(err)
		}
		body, err := digestBody(ctx, tx, ws)
		if err != nil {
			return err
		}
		to, err := managers(ctx, tx, ws.ID)
		if err != nil {
			return err
		}
		subject := "Tajrobe: daily follow-up digest"
		if locale.IsPersian(ws.Language) {
			subject = "تجربه: گزارش روزانه‌ی پیگیری‌ها"
		}
		for _, addr := range to {
			if err := queueAlert(ctx, tx, ws.ID, nil, "email", addr, subject, body); err != nil {
				return err
			}
		}
		return ScheduleDigest(ctx, tx, ws)
	})
}

// digestBody counts cases by status, the overdue ones, and yesterday's
// opened and closed.
func digestBody(ctx context.Context, tx *store.Tx, ws *workspace.Workspace) (string, error) {
	day := store.Millis(tx.Now.Add(-24 * time.Hour))
	var open, overdue, opened, closed int
	err := tx.QueryRow(ctx, `SELECT
		COALESCE(SUM(CASE WHEN status NOT IN ('resolved', 'closed') THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN status NOT IN ('resolved', 'closed') AND resolution_due < ? THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN created_at >= ? THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN closed_at >= ? THEN 1 ELSE 0 END), 0)
		FROM cases WHERE workspace_id = ?`, store.Millis(tx.Now), day, day, ws.ID).Scan(&open, &overdue, &opened, &closed)
	if err != nil {
		return "", errs.Wrap("loop.digest", err)
	}
	lines := []string{
		fmt.Sprintf("Open cases: %d (overdue: %d)", open, overdue),
		fmt.Sprintf("Opened in the last 24 hours: %d; closed: %d", opened, closed),
	}
	if locale.IsPersian(ws.Language) {
		f := func(n int) string { return locale.PersianDigits(fmt.Sprint(n)) }
		lines = []string{
			fmt.Sprintf("پرونده‌های باز: %s (عقب‌افتاده: %s)", f(open), f(overdue)),
			fmt.Sprintf("باز شده در ۲۴ ساعت گذشته: %s؛ بسته شده: %s", f(opened), f(closed)),
		}
	}
	return strings.Join(lines, "\n"), nil
}
