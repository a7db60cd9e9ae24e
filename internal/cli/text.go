package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/tajrobe/tajrobe/internal/comment"
	"github.com/tajrobe/tajrobe/internal/config"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/textan"
)

const textUsage = `usage: tajrobe text analyze [--db D --workspace W] < texts.txt
   or: tajrobe text learn --db D --workspace W [--reanalyse]
   or: tajrobe text eval [--db D --workspace W] FILE.tsv`

// runText runs "tajrobe text analyze | learn | eval".
func runText(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "analyze", "analyse":
			return runTextAnalyze(ctx, env, args[1:])
		case "learn":
			return runTextLearn(ctx, env, args[1:])
		case "eval":
			return runTextEval(ctx, env, args[1:])
		case "-h", "--help", "help":
			fmt.Fprintf(env.Stderr, "%s\n\nEach takes --help for its flags; --db can also be set as TAJROBE_DB.\n", textUsage)
			return flag.ErrHelp
		}
	}
	return errs.E("cli", errs.Invalid, "%s", textUsage)
}

// runTextAnalyze reads one text per line on stdin and writes one JSON
// result per line: the cold start unless a workspace is named.
func runTextAnalyze(ctx context.Context, env *Env, args []string) error {
	fs, err := flags(env, "text analyze", "Read one text per line on stdin; write one JSON object per line (language, sentiment, score,\naspects, topics, emotions). Without --workspace: the cold start (lexicons and default themes).", config.DB)
	if err != nil {
		return err
	}
	ref := fs.String("workspace", "", "use this workspace's learned model and themes (id or slug; needs --db)")
	if err := parse(fs, args); err != nil {
		return err
	}
	a, closeDB, err := textAnalyzer(ctx, env, *ref)
	if err != nil {
		return err
	}
	defer closeDB()
	return textan.RunAnalyze(ctx, env.Stdin, env.Stdout, a)
}

// textAnalyzer is the cold start, or the named workspace's analyser.
func textAnalyzer(ctx context.Context, env *Env, ref string) (*textan.Analyzer, func(), error) {
	if ref == "" {
		return textan.NewAnalyzer(nil, nil), func() {}, nil
	}
	db, err := openDB(ctx, env)
	if err != nil {
		return nil, nil, err
	}
	ws, err := comment.PickWorkspace(ctx, db, ref)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	a, _, err := comment.Analyzer(ctx, db, ws)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return a, func() { db.Close() }, nil
}

// runTextLearn rebuilds a workspace's model from its scored comments and
// agents' corrections, reading first any comment not analysed yet.
func runTextLearn(ctx context.Context, env *Env, args []string) error {
	fs, err := flags(env, "text learn", "Rebuild a workspace's comment model from its scored comments (NPS 0–6 / CSAT 1–2 negative,\nNPS 9–10 / CSAT 5 positive, review ratings alike) and agents' corrections. A running server\nalso does this by itself as comments arrive.", config.DB)
	if err != nil {
		return err
	}
	ref := fs.String("workspace", "", "the workspace (id or slug)")
	again := fs.Bool("reanalyse", false, "then read every stored comment again with the new model")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *ref == "" {
		return errs.Field("cli", "workspace", "name the workspace: --workspace ID or slug")
	}
	db, err := openDB(ctx, env)
	if err != nil {
		return err
	}
	defer db.Close()
	ws, err := comment.PickWorkspace(ctx, db, *ref)
	if err != nil {
		return err
	}
	if _, err := comment.CatchUp(ctx, db); err != nil {
		return err
	}
	res, err := comment.Learn(ctx, db, ws)
	if err != nil {
		return err
	}
	if !res.Learned {
		return errs.E("cli", errs.Conflict, "nothing learned: %d positive and %d negative labelled comments; both kinds are needed", res.Positive, res.Negative)
	}
	out := map[string]any{"workspace": ws, "model": res}
	if *again {
		if out["reanalysed"], err = comment.Reanalyse(ctx, db, ws); err != nil {
			return err
		}
	}
	enc := json.NewEncoder(env.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// runTextEval scores the analyser on a labelled TSV file.
func runTextEval(ctx context.Context, env *Env, args []string) error {
	fs, err := flags(env, "text eval", "Score the analyser on FILE: lines label<TAB>text, label positive, negative, neutral, 1 or 0.\nPrints accuracy, macro-F1, binary accuracy and the confusion matrix.", config.DB)
	if err != nil {
		return err
	}
	ref := fs.String("workspace", "", "use this workspace's learned model and themes (id or slug; needs --db)")
	file, rest := "", args
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		file, rest = args[0], args[1:] // FILE before the flags
	} else if n := len(args); n > 0 && args[n-1] != "" && args[n-1][0] != '-' && (n < 2 || args[n-2] != "--db" && args[n-2] != "--workspace") {
		file, rest = args[n-1], args[:n-1] // FILE after them
	}
	if err := parse(fs, rest); err != nil {
		return err
	}
	if file == "" {
		return errs.Field("cli", "FILE", "name the labelled file: tajrobe text eval FILE.tsv")
	}
	f, err := os.Open(file)
	if err != nil {
		return errs.Field("cli", "FILE", "%v", err)
	}
	defer f.Close()
	a, closeDB, err := textAnalyzer(ctx, env, *ref)
	if err != nil {
		return err
	}
	defer closeDB()
	rep, err := textan.Evaluate(f, a)
	if err != nil {
		return errs.Field("cli", file, "%v", err)
	}
	fmt.Fprint(env.Stdout, rep.String())
	return nil
}
