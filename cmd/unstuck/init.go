package main

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/config"
	"github.com/unstuck-dev/unstuck/flows/files"
)

// initLibrary is what unstuck init writes: a sample flow and its test, the config and a CI example.
//
//go:embed all:initlib
var initLibrary embed.FS

func newInitCmd(s streams) *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "init DIR",
		Short: "Start a library of your team's own flows, ready to put in git",
		Long: `Creates a library of flows in DIR, for a support team to keep in git:

  checkout-help.yaml          a sample flow, to copy for your own
  checkout-help.test.yaml     its tests (unstuck test DIR)
  unstuck.yaml                the team's settings: the provider's name, links and hosts, for every flow
  schema/flow.json            the JSON Schemas, for editors: each file's first line points at one
  schema/config.json
  .github/workflows/unstuck.yml   CI that runs unstuck lint and unstuck test on every push

Give the library to unstuck with --flows DIR or UNSTUCK_FLOWS=DIR, or install it in
~/.local/share/unstuck/flows (for one user) or /usr/share/unstuck/flows (for every user of the
machine). DIR must be empty or new, unless --force, which overwrites these files and no others.`,
		Example: "  unstuck init team-flows\n  unstuck --flows team-flows list",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return exitWith(exitUsage, errors.New("name the folder to create the library in, like: unstuck init team-flows"))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runInit(s, args[0], force)
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "write into a folder that is not empty, overwriting the files init writes")
	return cmd
}

func runInit(s streams, dir string, force bool) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 && !force {
		return exitWith(exitUsage, fmt.Errorf("%s is not empty; name a new folder, or add --force to write the library's files into it", dir))
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return exitWith(exitProblems, fmt.Errorf("cannot use %s: %s", dir, files.PlainError(err)))
	}
	out := map[string][]byte{}
	err := fs.WalkDir(initLibrary, "initlib", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(initLibrary, p)
		rel, _ := filepath.Rel("initlib", p)
		out[rel] = data
		return err
	})
	if err != nil {
		return exitWith(exitProblems, err)
	}
	flowSchema, err := flows.Schema()
	if err != nil {
		return exitWith(exitProblems, err)
	}
	configSchema, err := config.Schema()
	if err != nil {
		return exitWith(exitProblems, err)
	}
	out[filepath.Join("schema", "flow.json")] = flowSchema
	out[filepath.Join("schema", "config.json")] = configSchema
	for rel, data := range out {
		path := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return exitWith(exitProblems, fmt.Errorf("cannot create %s: %s", filepath.Dir(path), files.PlainError(err)))
		}
		// Files for a repository: readable by others, as git would check them out.
		if err := files.WriteFileAtomic(path, data, files.KeepMode(0o644)); err != nil {
			return exitWith(exitProblems, fmt.Errorf("cannot write %s: %w", path, err))
		}
	}
	fmt.Fprintf(s.ErrOut, "Created a library of flows in %s. Next:\n", dir)
	for _, step := range []string{"unstuck lint " + dir, "unstuck test " + dir, "unstuck --flows " + dir + " list", "unstuck --flows " + dir + " config"} {
		fmt.Fprintf(s.ErrOut, "  %s\n", step)
	}
	return nil
}
