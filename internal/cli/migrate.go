package cli

import (
	"context"
	"fmt"

	"github.com/tajrobe/tajrobe/internal/config"
)

func runMigrate(ctx context.Context, env *Env, args []string) error {
	fs, err := flags(env, "migrate", "Apply every migration the database lacks. 'serve' does this at start too.", config.DB)
	if err != nil {
		return err
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	db, err := openDB(ctx, env)
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintf(env.Stdout, "database %s is up to date\n", db.Dialect)
	return nil
}

func runVersion(ctx context.Context, env *Env, args []string) error {
	fmt.Fprintln(env.Stdout, "tajrobe", Version)
	return nil
}
