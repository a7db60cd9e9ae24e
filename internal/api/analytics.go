package api

import (
	"context"
	"net/http"
	"strings"

	"github.com/tajrobe/tajrobe/internal/analytics"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/locale"
)

// analyticsView runs one analytics question for the caller's workspace and
// answers JSON, or CSV with ?format=csv.
func (s *Server) analyticsView(ask func(ctx context.Context, q *analytics.Querier, f analytics.Filter, r *http.Request) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ws := caller(r).Workspace
		loc := ws.Location()
		f, err := analytics.ParseFilter(r.URL.Query(), loc, s.DB.Now())
		if err != nil {
			s.fail(w, r, err)
			return
		}
		out, err := ask(r.Context(), analytics.NewQuerier(s.DB, ws.ID, loc), f, r)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if r.URL.Query().Get("format") == "csv" {
			s.sendCSV(w, r, out)
			return
		}
		respond(w, http.StatusOK, out)
	}
}

// listView is a list result: JSON as {"data": […]}, CSV as its table.
type listView struct {
	Data  any `json:"data"`
	table analytics.Table
}

func (s *Server) sendCSV(w http.ResponseWriter, r *http.Request, out any) {
	if l, ok := out.(listView); ok {
		out = l.table
	}
	t, ok := out.(analytics.Table)
	if !ok {
		s.fail(w, r, errs.Field("api.analytics", "format", "this view has no CSV form"))
		return
	}
	name := strings.ReplaceAll(strings.TrimPrefix(r.URL.Path, "/api/v1/analytics/"), "/", "-")
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.csv"`)
	if err := analytics.WriteCSV(w, t); err != nil {
		s.Log.WarnContext(r.Context(), "csv export cut short", "err", err)
	}
}

func summaryView(ctx context.Context, q *analytics.Querier, f analytics.Filter, _ *http.Request) (any, error) {
	return q.Summary(ctx, f)
}

func (s *Server) seriesView(ctx context.Context, q *analytics.Querier, f analytics.Filter, r *http.Request) (any, error) {
	v := r.URL.Query()
	req := analytics.SeriesRequest{Metric: v.Get("metric"), Unit: v.Get("unit"), Calendar: v.Get("calendar"),
		ByTouchpoint: v.Get("by") == "touchpoint"}
	if by := v.Get("by"); by != "" && by != "touchpoint" {
		return nil, errs.Field("api.series", "by", "by can only be touchpoint, not %q", by)
	}
	if req.Metric == "" {
		req.Metric = "nps"
	}
	if req.Unit == "" {
		req.Unit = "week"
	}
	if req.Calendar == "" {
		req.Calendar = locale.DefaultCalendar(caller(r).Workspace.Language)
	}
	points, err := q.Series(ctx, f, req)
	return listView{points, analytics.SeriesTable(points)}, err
}

func journeyMapView(ctx context.Context, q *analytics.Querier, f analytics.Filter, _ *http.Request) (any, error) {
	cells, err := q.JourneyMap(ctx, f)
	return listView{cells, analytics.MapTable(cells)}, err
}

func flowView(ctx context.Context, q *analytics.Querier, f analytics.Filter, _ *http.Request) (any, error) {
	flow, err := q.Flow(ctx, f)
	return listView{flow, analytics.FlowTable(flow)}, err
}

func gapsView(ctx context.Context, q *analytics.Querier, f analytics.Filter, _ *http.Request) (any, error) {
	return q.Gaps(ctx, f)
}

func driversView(ctx context.Context, q *analytics.Querier, f analytics.Filter, r *http.Request) (any, error) {
	outcome := r.URL.Query().Get("outcome")
	if outcome == "" {
		outcome = "nps"
	}
	return q.Drivers(ctx, f, outcome)
}

func emotionView(ctx context.Context, q *analytics.Querier, f analytics.Filter, _ *http.Request) (any, error) {
	return q.Emotion(ctx, f)
}

func pillarsView(ctx context.Context, q *analytics.Querier, f analytics.Filter, _ *http.Request) (any, error) {
	return q.Pillars(ctx, f)
}
