package program

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"

	"github.com/tajrobe/tajrobe/internal/journey"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// Event is a recorded event as programs see it. Ingestion calls OnEvent
// with it in the transaction that stored the event.
type Event struct {
	WorkspaceID int64
	CustomerID  int64
	EventID     int64
	Name        string
	Touchpoint  string
	Channel     string
	Signal      *int
	Properties  map[string]json.RawMessage
}

// OnEvent lets programs react to an event in tx: customers enter event
// programs whose trigger matches, segment programs are checked again, and
// customers inside programs move on (a wait for this event), convert (the
// goal) or leave (an exit event). It costs one cached lookup when no
// active program cares.
func OnEvent(ctx context.Context, tx *store.Tx, ev Event) error {
	progs, err := activePrograms(ctx, tx, ev.WorkspaceID)
	if err != nil || len(progs) == 0 || ev.CustomerID == 0 {
		return err
	}
	return onEvent(ctx, tx, progs, ev)
}

// OnEvents is OnEvent for a group of one workspace's stored events, as
// ingestion commits them: the active programs are read once per group.
func OnEvents(ctx context.Context, tx *store.Tx, workspaceID int64, events []*journey.Event) error {
	progs, err := activePrograms(ctx, tx, workspaceID)
	if err != nil || len(progs) == 0 {
		return err
	}
	for _, e := range events {
		if e.CustomerID == 0 {
			continue
		}
		ev := Event{WorkspaceID: workspaceID, CustomerID: e.CustomerID, EventID: e.ID, Name: e.Name, Touchpoint: e.Touchpoint,
			Channel: e.Channel, Signal: e.Signal}
		if len(e.Properties) > 0 {
			json.Unmarshal(e.Properties, &ev.Properties)
		}
		if err := onEvent(ctx, tx, progs, ev); err != nil {
			return err
		}
	}
	return nil
}

func onEvent(ctx context.Context, tx *store.Tx, progs []*Program, ev Event) error {
	// those inside react first, so the event that lets a customer in
	// neither converts nor ends their stay
	if slices.ContainsFunc(progs, func(p *Program) bool { return awaits(p, ev.Name) }) {
		if err := react(ctx, tx, ev); err != nil {
			return err
		}
	}
	en := Entry{Trigger: rules.OnEvent, Event: ev.Name, EventID: ev.EventID, Touchpoint: ev.Touchpoint, Channel: ev.Channel,
		Signal: ev.Signal, Properties: ev.Properties}
	for _, p := range progs {
		switch {
		case p.Trigger.Kind == rules.OnEvent && eventMatches(&p.Trigger, &ev):
			if err := enterIf(ctx, tx, ev.WorkspaceID, p, ev.CustomerID, en); err != nil {
				return err
			}
		case p.Trigger.Kind == OnSegment:
			if err := segment(ctx, tx, ev.WorkspaceID, p, ev.CustomerID); err != nil {
				return err
			}
		}
	}
	return nil
}

// Answer is a stored survey response as programs see it.
type Answer struct {
	WorkspaceID int64
	CustomerID  int64
	ResponseID  int64
	SurveyID    int64
	Touchpoint  string
	Channel     string
	Answers     []rules.AnswerFact
}

// OnAnswer enters customers into programs triggered by a survey answer,
// in the transaction that stored the response.
func OnAnswer(ctx context.Context, tx *store.Tx, a Answer) error {
	if a.CustomerID == 0 {
		return nil
	}
	progs, err := activePrograms(ctx, tx, a.WorkspaceID)
	if err != nil {
		return err
	}
	en := Entry{Trigger: rules.OnResponse, SurveyID: a.SurveyID, ResponseID: a.ResponseID, Touchpoint: a.Touchpoint,
		Channel: a.Channel, Answers: a.Answers}
	for _, p := range progs {
		t := &p.Trigger
		if t.Kind != rules.OnResponse || (t.SurveyID != 0 && t.SurveyID != a.SurveyID) || (t.Touchpoint != "" && t.Touchpoint != a.Touchpoint) {
			continue
		}
		if err := enterIf(ctx, tx, a.WorkspaceID, p, a.CustomerID, en); err != nil {
			return err
		}
	}
	return nil
}

// OnCustomer re-checks segment programs and re-plans date programs after
// a customer's traits changed, in the transaction that changed them.
func OnCustomer(ctx context.Context, tx *store.Tx, wsID, customerID int64) error {
	return OnCustomers(ctx, tx, wsID, []int64{customerID})
}

// OnCustomers is OnCustomer for the customers whose traits one ingested
// group set (identify calls, traits on events): the active programs are
// read once, and a workspace without segment or date programs pays
// nothing more.
func OnCustomers(ctx context.Context, tx *store.Tx, wsID int64, customerIDs []int64) error {
	if len(customerIDs) == 0 {
		return nil
	}
	progs, err := activePrograms(ctx, tx, wsID)
	if err != nil {
		return err
	}
	for _, customerID := range customerIDs {
		if err := traitsChanged(ctx, tx, wsID, progs, customerID); err != nil {
			return err
		}
	}
	return nil
}

func traitsChanged(ctx context.Context, tx *store.Tx, wsID int64, progs []*Program, customerID int64) error {
	var err error
	for _, p := range progs {
		switch p.Trigger.Kind {
		case OnSegment:
			err = segment(ctx, tx, wsID, p, customerID)
		case OnDate:
			err = planDate(ctx, tx, wsID, p, customerID)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func eventMatches(t *Trigger, ev *Event) bool {
	if (t.Event != "" && t.Event != ev.Name) || (t.Touchpoint != "" && t.Touchpoint != ev.Touchpoint) {
		return false
	}
	for _, p := range t.Properties {
		if !propertyHolds(p, ev.Properties[p.Name]) {
			return false
		}
	}
	return true
}

func propertyHolds(p Property, raw json.RawMessage) bool {
	if p.Op == "exists" {
		return len(raw) > 0 && string(raw) != "null"
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		s = string(raw)
	}
	if p.Value != nil {
		n, err := strconv.ParseFloat(s, 64)
		return err == nil && compare(p.Op, n, *p.Value)
	}
	hit := slices.Contains(p.Values, s)
	if p.Op == rules.Ne {
		return !hit
	}
	return hit
}

// awaits reports whether customers inside p react to the event name.
func awaits(p *Program, name string) bool {
	if (p.Goal != nil && p.Goal.Event == name) || slices.Contains(p.Exit.Events, name) {
		return true
	}
	return slices.ContainsFunc(p.Steps, func(s Step) bool { return s.Kind == WaitEvent && s.Event == name })
}

// enterIf enters the customer when the trigger's conditions hold.
func enterIf(ctx context.Context, tx *store.Tx, wsID int64, p *Program, customerID int64, en Entry) error {
	if len(p.Trigger.When) > 0 {
		ok, err := entryHolds(ctx, tx, wsID, p, customerID, en)
		if err != nil || !ok {
			return err
		}
	}
	_, err := enter(ctx, tx, wsID, p, customerID, en)
	return err
}

// entryHolds evaluates the trigger's conditions for the customer.
func entryHolds(ctx context.Context, tx *store.Tx, wsID int64, p *Program, customerID int64, en Entry) (bool, error) {
	ws, err := workspaceIn(ctx, tx, wsID)
	if err != nil {
		return false, err
	}
	w := liveWalker(ctx, tx, ws, p, &enrollment{WorkspaceID: wsID, ProgramID: p.ID, CustomerID: customerID, Entry: en})
	return w.holds(p.Trigger.When, "entry", factsKind(p.Trigger.Kind))
}

func liveWalker(ctx context.Context, tx *store.Tx, ws *workspace.Workspace, p *Program, e *enrollment) *walker {
	return (&Runner{}).walker(ctx, tx, ws, p, e)
}
