package cli

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/tajrobe/tajrobe/internal/config"
	"github.com/tajrobe/tajrobe/internal/onboard"
)

func runInit(ctx context.Context, env *Env, args []string) error {
	fs, err := flags(env, "init", "Create the schema, a workspace with the default retail journey, an owner and keys.\nPrints them; keys and the password are shown only this once.", config.DB)
	if err != nil {
		return err
	}
	var req onboard.Request
	var asJSON bool
	fs.StringVar(&req.Workspace.Name, "workspace", "My business", "workspace name")
	fs.StringVar(&req.Workspace.Slug, "slug", "", "workspace slug (default: from the name)")
	fs.StringVar(&req.Workspace.Language, "language", "fa", "workspace language: fa or en")
	fs.StringVar(&req.Workspace.Timezone, "timezone", "", "IANA time zone (default: Asia/Tehran for fa, UTC for en)")
	fs.StringVar(&req.Workspace.Region, "region", "IR", "country assumed for phone numbers without a country code")
	fs.StringVar(&req.AdminEmail, "admin-email", "admin@example.com", "the owner's e-mail, used to sign in")
	fs.StringVar(&req.AdminPassword, "admin-password", "", "the owner's password (default: generated)")
	fs.BoolVar(&asJSON, "json", false, "print the result as JSON for scripts")
	if err := parse(fs, args); err != nil {
		return err
	}
	db, err := openDB(ctx, env)
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := onboard.Workspace(ctx, db, req)
	if err != nil {
		return err
	}
	if asJSON {
		return json.NewEncoder(env.Stdout).Encode(res)
	}
	fmt.Fprintf(env.Stdout, "Workspace %d created.\n  admin e-mail:    %s\n  admin password:  %s\n  write key:       %s\n  secret key:      %s\nKeep the keys and password safe: they are not shown again.\n",
		res.WorkspaceID, res.AdminEmail, res.AdminPassword, res.WriteKey, res.SecretKey)
	return nil
}
