// Command tajrobe is the Tajrobe customer experience platform in one
// binary: server, setup, demo and tools. See 'tajrobe help'.
package main

import (
	"context"
	"os"

	"github.com/tajrobe/tajrobe/internal/cli"
)

func main() {
	os.Exit(cli.Main(context.Background(), os.Args[1:], cli.OSEnv()))
}
