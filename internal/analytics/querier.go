package analytics

import (
	"context"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Querier answers analytics questions for one workspace in its time zone.
type Querier struct {
	db  *store.DB
	ws  int64
	loc *time.Location
}

// NewQuerier returns a Querier for the workspace; loc is its time zone.
func NewQuerier(db *store.DB, workspaceID int64, loc *time.Location) *Querier {
	return &Querier{db: db, ws: workspaceID, loc: loc}
}

// maxRawRows bounds the raw rows one segment query may read, so no query
// can take the server down; a larger slice must narrow its period.
const maxRawRows = 2_000_000

// guardRaw refuses a raw query that would read more than maxRawRows.
func (q *Querier) guardRaw(ctx context.Context, from string, c *clause) error {
	var n int64
	err := q.db.QueryRow(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM `+from+` WHERE `+c.String()+` LIMIT ?) x`,
		append(c.args, maxRawRows+1)...).Scan(&n)
	if err != nil {
		return err
	}
	if n > maxRawRows {
		return errs.Field("analytics.segment", "segment", "a segment over this period reads more than %d rows; narrow the period", maxRawRows)
	}
	return nil
}

// Metric is a score for the period with its change from the period before.
type Metric struct {
	Estimate
	Change *Change `json:"change,omitempty"`
}

// Summary is the headline of a period: the scores, the signal balance and
// how many answered.
type Summary struct {
	From          time.Time `json:"from"`
	To            time.Time `json:"to"`
	NPS           Metric    `json:"nps"`
	CSAT          Metric    `json:"csat"`
	CES           Metric    `json:"ces"`
	SignalBalance Metric    `json:"signal_balance"`
	Events        int64     `json:"events"`
	Responses     int64     `json:"responses"`
	Invitations   int64     `json:"invitations"`
	ResponseRate  *Estimate `json:"response_rate"`
}

// Summary computes the headline scores of the filter's period and compares
// each with the period just before.
func (q *Querier) Summary(ctx context.Context, f Filter) (*Summary, error) {
	now, before, err := q.headlines(ctx, f)
	if err != nil {
		return nil, errs.Wrap("analytics.Summary", err)
	}
	for _, m := range []struct{ now, before *Metric }{{&now.NPS, &before.NPS}, {&now.CSAT, &before.CSAT},
		{&now.CES, &before.CES}, {&now.SignalBalance, &before.SignalBalance}} {
		m.now.Change = compare(m.now.Estimate, m.before.Estimate)
	}
	if err := q.responseCounts(ctx, f, now); err != nil {
		return nil, errs.Wrap("analytics.Summary", err)
	}
	return now, nil
}

// headlines computes the headline of f's period and of the period just
// before. From rollups, one read per rollup spans both periods, split by
// day as two reads would be; a segment reads raw rows per period.
func (q *Querier) headlines(ctx context.Context, f Filter) (now, before *Summary, err error) {
	prev := f.previous()
	if len(f.Segment) > 0 {
		if now, err = q.headline(ctx, f); err == nil {
			before, err = q.headline(ctx, prev)
		}
		return now, before, err
	}
	span := f
	span.From = prev.From
	scores, err := q.scoreRows(ctx, span, true, false)
	if err != nil {
		return nil, nil, err
	}
	signals, err := q.signalRows(ctx, span, true, false)
	if err != nil {
		return nil, nil, err
	}
	return q.summarize(f, scores, signals), q.summarize(prev, scores, signals), nil
}

func (q *Querier) headline(ctx context.Context, f Filter) (*Summary, error) {
	scores, err := q.scoreRows(ctx, f, false, false)
	if err != nil {
		return nil, err
	}
	signals, err := q.signalRows(ctx, f, false, false)
	if err != nil {
		return nil, err
	}
	return summary(f, scores, signals), nil
}

// summarize sums the rows of the days of f's period, the days rollupWhere
// reads for f (the day a period starts in belongs to it).
func (q *Querier) summarize(f Filter, scores []scoreRow, signals []signalRow) *Summary {
	lo, hi := DayOf(f.From, q.loc), DayOf(f.To.Add(-time.Millisecond), q.loc)
	var sc []scoreRow
	for _, r := range scores {
		if r.day >= lo && r.day <= hi {
			sc = append(sc, r)
		}
	}
	var sg []signalRow
	for _, r := range signals {
		if r.day >= lo && r.day <= hi {
			sg = append(sg, r)
		}
	}
	return summary(f, sc, sg)
}

// summary folds score and signal rows into a period's headline.
func summary(f Filter, scores []scoreRow, signals []signalRow) *Summary {
	k := byKind(scores)
	s := &Summary{From: f.From, To: f.To, NPS: Metric{Estimate: k["nps"].estimate("nps")},
		CSAT: Metric{Estimate: k["csat"].estimate("csat")}, CES: Metric{Estimate: k["ces"].estimate("ces")}}
	var all signalAgg
	for _, r := range signals {
		all.add(r.signalAgg)
	}
	s.SignalBalance, s.Events = Metric{Estimate: all.balance()}, all.events
	return s
}

// responseCounts counts completed responses and sent invitations.
func (q *Querier) responseCounts(ctx context.Context, f Filter, s *Summary) error {
	from, to := store.Millis(f.From), store.Millis(f.To)
	c := &clause{}
	c.add("workspace_id = ?", q.ws)
	c.add("completed_at >= ? AND completed_at < ?", from, to)
	f.journeyWhere(c, q.ws, "touchpoint", "channel")
	if f.SurveyID != 0 {
		c.add("survey_id = ?", f.SurveyID)
	}
	if err := q.db.QueryRow(ctx, `SELECT COUNT(*) FROM survey_responses WHERE `+c.String(), c.args...).Scan(&s.Responses); err != nil {
		return err
	}
	c = &clause{}
	c.add("workspace_id = ?", q.ws)
	c.add("sent_at >= ? AND sent_at < ?", from, to)
	f.journeyWhere(c, q.ws, "touchpoint", "channel")
	if f.SurveyID != 0 {
		c.add("survey_id = ?", f.SurveyID)
	}
	if err := q.db.QueryRow(ctx, `SELECT COUNT(*) FROM survey_invitations WHERE `+c.String(), c.args...).Scan(&s.Invitations); err != nil {
		return err
	}
	if s.Invitations > 0 {
		r := share(min(s.Responses, s.Invitations), s.Invitations)
		s.ResponseRate = &r
	}
	return nil
}
