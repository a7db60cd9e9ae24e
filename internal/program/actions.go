package program

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// applyAction carries out an action that changes only the database, in
// tx, and says what it did.
func applyAction(ctx context.Context, tx *store.Tx, ws *workspace.Workspace, p *Program, e *enrollment, who *person, a *Action) (string, error) {
	switch a.Kind {
	case SetTrait:
		who.Traits[a.Trait] = a.Value
		return fmt.Sprintf("set trait %s = %s", a.Trait, a.Value), saveTraits(ctx, tx, who)
	case AddTag, RemoveTag:
		tags := slices.DeleteFunc(tagsOf(who.Traits), func(t string) bool { return t == a.Tag })
		if a.Kind == AddTag {
			tags = append(tags, a.Tag)
		}
		raw, _ := json.Marshal(tags)
		who.Traits["tags"] = raw
		return fmt.Sprintf("%s %q", a.Kind, a.Tag), saveTraits(ctx, tx, who)
	case AddToList:
		_, err := tx.Exec(ctx, `INSERT INTO program_lists (workspace_id, list, customer_id, added_at) VALUES (?, ?, ?, ?)
			ON CONFLICT DO NOTHING`, ws.ID, a.List, who.ID, store.Millis(tx.Now))
		return fmt.Sprintf("added to list %q", a.List), errs.Wrap("program.list", err)
	case RemoveFromList:
		_, err := tx.Exec(ctx, `DELETE FROM program_lists WHERE workspace_id = ? AND list = ? AND customer_id = ?`, ws.ID, a.List, who.ID)
		return fmt.Sprintf("removed from list %q", a.List), errs.Wrap("program.list", err)
	case rules.OpenCase:
		return openCase(ctx, tx, ws, p, e, a)
	}
	return "", errs.E("program.act", errs.Invalid, "action kind %q cannot run here", a.Kind)
}

func saveTraits(ctx context.Context, tx *store.Tx, who *person) error {
	if who.batched {
		who.dirty = true
		return nil
	}
	raw, err := encodeTraits(who)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `UPDATE customers SET traits = ?, updated_at = ? WHERE id = ?`, raw, store.Millis(tx.Now), who.ID)
	return errs.Wrap("program.traits", err)
}

func openCase(ctx context.Context, tx *store.Tx, ws *workspace.Workspace, p *Program, e *enrollment, a *Action) (string, error) {
	o := &loop.Opening{CustomerID: e.CustomerID, Reason: a.Reason, Title: a.Title, Priority: a.Priority,
		Touchpoint: e.Entry.Touchpoint, Channel: e.Entry.Channel, SourceKind: "program", SourceID: &e.ID}
	if a.Team != "" {
		var id int64
		err := tx.QueryRow(ctx, `SELECT id FROM teams WHERE workspace_id = ? AND name = ?`, ws.ID, a.Team).Scan(&id)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return "", errs.Wrap("program.case", err)
		}
		if id != 0 {
			o.TeamID = &id
		}
	}
	c, created, err := loop.Open(ctx, tx, ws, fmt.Sprintf("program:%d", p.ID), o)
	if err != nil {
		return "", err
	}
	if !created {
		return fmt.Sprintf("case %d for %q was open already; noted on it", c.ID, c.Reason), nil
	}
	return fmt.Sprintf("opened case %d for %q", c.ID, c.Reason), nil
}

func encodeTraits(who *person) (string, error) {
	raw, err := json.Marshal(who.Traits)
	return string(raw), errs.Wrap("program.traits", err)
}
