// Package onboard sets up a new workspace in one transaction: the
// workspace, its default journey, an owner who can sign in, and its keys.
package onboard

import (
	"context"

	"github.com/tajrobe/tajrobe/internal/auth"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/journey"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// Request says what to create. An empty AdminPassword is generated.
type Request struct {
	Workspace     workspace.Workspace
	AdminEmail    string
	AdminName     string
	AdminPassword string
	// JoinExisting makes an existing user with AdminEmail the owner instead
	// of failing; their password is left as it is.
	JoinExisting bool
}

// Result is what a script needs to start using the workspace. The keys and
// password are shown here once; only their hashes are stored.
type Result struct {
	WorkspaceID   int64  `json:"workspace_id"`
	WriteKey      string `json:"write_key"`
	SecretKey     string `json:"secret_key"`
	AdminEmail    string `json:"admin_email"`
	AdminPassword string `json:"admin_password"`
}

// Workspace creates everything a new workspace needs, all or nothing.
func Workspace(ctx context.Context, db *store.DB, req Request) (*Result, error) {
	if req.AdminPassword == "" {
		req.AdminPassword = auth.RandomToken(12)
	}
	res := &Result{AdminPassword: req.AdminPassword}
	err := db.InTx(ctx, func(tx *store.Tx) error {
		ws := req.Workspace
		if err := workspace.Create(ctx, tx, &ws); err != nil {
			return err
		}
		res.WorkspaceID = ws.ID
		if err := journey.SeedDefaults(ctx, tx, ws.ID); err != nil {
			return err
		}
		if err := owner(ctx, tx, ws.ID, req, res); err != nil {
			return err
		}
		return createKeys(ctx, tx, ws.ID, res)
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

func owner(ctx context.Context, tx *store.Tx, workspaceID int64, req Request, res *Result) error {
	if req.JoinExisting {
		if u, err := auth.AddMember(ctx, tx, req.AdminEmail, workspaceID, auth.Owner); err == nil {
			res.AdminEmail, res.AdminPassword = u.Email, ""
			return nil
		} else if !errs.Is(err, errs.NotExist) {
			return err
		}
	}
	u := &auth.User{Email: req.AdminEmail, Name: req.AdminName}
	if err := auth.CreateUser(ctx, tx, u, req.AdminPassword, workspaceID, auth.Owner); err != nil {
		return err
	}
	res.AdminEmail = u.Email
	return nil
}

func createKeys(ctx context.Context, tx *store.Tx, workspaceID int64, res *Result) error {
	var err error
	if _, res.WriteKey, err = auth.CreateKey(ctx, tx, workspaceID, auth.WriteKey, "default write key"); err != nil {
		return err
	}
	_, res.SecretKey, err = auth.CreateKey(ctx, tx, workspaceID, auth.SecretKey, "default secret key")
	return err
}
