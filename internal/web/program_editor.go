package web

import (
	"context"
	"net/http"

	"github.com/tajrobe/tajrobe/internal/journey"
	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/program"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/survey"
)

// editorData is the program page: the program (nil while new) with its
// funnel and status moves, the editor's form and what its lists offer,
// and the workspace's guardrails.
type editorData struct {
	Program      *program.Program
	Funnel       []funnelRow
	Counts       *program.Counts
	Moves        []string
	Form         programForm
	TriggerKinds []string
	StepKinds    []string
	Touchpoints  []journey.Touchpoint
	Surveys      []survey.Survey
	Teams        []loop.Team
	Priorities   []string
	Guardrails   program.Settings
}

// newProgram serves GET /programs/new: a program that starts on an
// event and sends one SMS, to edit from.
func (c *Console) newProgram(w http.ResponseWriter, r *http.Request, v *View) {
	f := programForm{Trigger: triggerForm{Kind: rules.OnEvent, DateDir: "before"}, Reentry: program.Once,
		Steps: []stepForm{{ID: "sms", Kind: program.SendSMS, Purpose: program.Promotional}}}
	c.renderEditor(w, r, v, http.StatusOK, nil, f, nil)
}

// programPage serves GET /programs/{id}: the funnel, the status buttons
// and the editor.
func (c *Console) programPage(w http.ResponseWriter, r *http.Request, v *View) {
	p, err := c.programOf(r, v)
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	c.renderEditor(w, r, v, http.StatusOK, p, programFormOf(p), nil)
}

// renderEditor shows the editor with f as typed; err, when not nil, is
// explained above the form and beside its field.
func (c *Console) renderEditor(w http.ResponseWriter, r *http.Request, v *View, status int, p *program.Program, f programForm, err error) {
	d, lerr := c.editorData(r.Context(), v, p)
	if lerr != nil {
		c.fail(w, r, v, lerr)
		return
	}
	d.Form = f
	if err == nil {
		c.render(w, r, status, v, pageProgram, d)
		return
	}
	c.programFormError(w, r, v, d, err)
}

func (c *Console) editorData(ctx context.Context, v *View, p *program.Program) (editorData, error) {
	d := editorData{Program: p, TriggerKinds: program.TriggerKinds, StepKinds: stepKinds, Priorities: rules.Priorities}
	var err error
	if d.Touchpoints, err = journey.ListTouchpoints(ctx, c.db, v.Workspace.ID); err != nil {
		return d, err
	}
	if d.Surveys, err = survey.List(ctx, c.db, v.Workspace.ID); err != nil {
		return d, err
	}
	if d.Teams, err = loop.Teams(ctx, c.db, v.Workspace.ID); err != nil {
		return d, err
	}
	if err = c.db.InTx(ctx, func(tx *store.Tx) (err error) {
		d.Guardrails, err = program.LoadSettings(ctx, tx, v.Workspace.ID)
		return err
	}); err != nil || p == nil {
		return d, err
	}
	d.Moves = statusMoves[p.Status]
	if d.Counts, err = program.CountsOf(ctx, c.db, v.Workspace.ID, p.ID); err != nil {
		return d, err
	}
	d.Funnel = funnelOf(p, d.Counts)
	return d, nil
}
