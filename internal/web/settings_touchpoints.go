package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/journey"
)

// touchpointsData is the touchpoint settings page: the list and the form
// for a new one (or the one being edited).
type touchpointsData struct {
	Touchpoints []journey.Touchpoint
	Form        journey.Touchpoint
	Target      string // the target as typed, kept when refused
	Stages      []string
	Channels    []string
	Metrics     []string
}

func (c *Console) touchpointsData(r *http.Request, ws int64, form journey.Touchpoint) (touchpointsData, error) {
	d := touchpointsData{Form: form, Channels: journey.Channels, Metrics: []string{"csat", "nps", "ces"}}
	for _, s := range journey.Stages {
		d.Stages = append(d.Stages, s.Key)
	}
	if form.TargetScore != nil {
		d.Target = strconv.FormatFloat(*form.TargetScore, 'f', -1, 64)
	}
	var err error
	d.Touchpoints, err = journey.ListTouchpoints(r.Context(), c.db, ws)
	return d, err
}

// touchpoints serves GET /settings/touchpoints.
func (c *Console) touchpoints(w http.ResponseWriter, r *http.Request, v *View) {
	d, err := c.touchpointsData(r, v.Workspace.ID, journey.Touchpoint{Stage: "awareness", Channel: "website"})
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	c.render(w, r, http.StatusOK, v, pageTouchpoints, d)
}

// touchpointForm reads a touchpoint from a posted form. The target may be
// typed in Persian digits with a Persian decimal separator.
func touchpointForm(r *http.Request) (journey.Touchpoint, string, error) {
	t := journey.Touchpoint{Key: strings.TrimSpace(r.PostFormValue("key")), NameFa: r.PostFormValue("name_fa"),
		NameEn: r.PostFormValue("name_en"), Stage: r.PostFormValue("stage"), Channel: r.PostFormValue("channel"),
		TargetMetric: r.PostFormValue("target_metric")}
	typed := strings.TrimSpace(r.PostFormValue("target_score"))
	if typed != "" {
		f, err := strconv.ParseFloat(strings.ReplaceAll(latin(typed), "٫", "."), 64)
		if err != nil {
			return t, typed, errs.Field("web.touchpoint", "target_score", "target %q is not a number", typed)
		}
		t.TargetScore = &f
	}
	t.Position, _ = strconv.Atoi(latin(r.PostFormValue("position")))
	return t, typed, nil
}
