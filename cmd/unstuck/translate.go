package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/files"
	"github.com/unstuck-dev/unstuck/flows/saferead"
)

type translateOptions struct {
	lang string
	out  string
}

func newTranslateCmd(s streams) *cobra.Command {
	opts := &translateOptions{}
	cmd := &cobra.Command{
		Use:   "translate FLOW|FILE --lang LANG",
		Short: "Write or update a flow's translation file for a language",
		Long: `Writes NAME.LANG.yaml beside the flow: every text of the flow under a stable key, with the text
it was translated from (source) and the translation (text), to fill in. Run it again after the flow
changed: new texts are added, translations kept, and texts whose source changed stay marked, so
unstuck lint can list them as stale. A built-in flow's file goes to flows/library/ when run from the
repository; --out names another place.`,
		Example: "  unstuck translate ./my-flow.yaml --lang sv\n  unstuck translate payment-fails --lang de",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return errors.New("name one flow to translate")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTranslate(s, opts, args[0])
		},
	}
	cmd.Flags().StringVar(&opts.lang, "lang", "", "the language to translate into, as a tag like sv or de-AT (required)")
	cmd.Flags().StringVar(&opts.out, "out", "", "where to write the file (default: beside the flow)")
	return cmd
}

func runTranslate(s streams, opts *translateOptions, name string) error {
	lang := flows.NormalizeLang(opts.lang)
	if lang == "" {
		return exitWith(exitUsage, errors.New("say which language with --lang, like --lang sv"))
	}
	var f *flows.Flow
	var diags flows.Diagnostics
	if flows.IsPartsFile(name) {
		f, diags = partsAsFlow(name) // a parts file is translated beside it, as a flow is
	} else {
		f, diags = library(s).Get(name) // a flow of a library folder is translated beside its file
	}
	if diags.HasErrors() {
		fmt.Fprintln(s.ErrOut, diags.Error())
		return exitQuietly(exitProblems)
	}
	if strings.EqualFold(lang, f.Language) {
		return exitWith(exitUsage, fmt.Errorf("%s is written in %s already", f.ID, f.Language))
	}
	out := opts.out
	if out == "" {
		dir := filepath.Dir(f.Path)
		if strings.HasPrefix(f.Path, "flows/library/") {
			dir = "flows/library"
			if info, err := os.Stat(dir); err != nil || !info.IsDir() {
				return exitWith(exitUsage, errors.New("a built-in flow's translation goes to flows/library/: run this from the repository, or name a file with --out"))
			}
		}
		base := strings.TrimSuffix(filepath.Base(f.Path), filepath.Ext(f.Path))
		out = filepath.Join(dir, base+"."+lang+".yaml")
	}
	var old *flows.Translation
	data, err := saferead.ReadRegular(out, flows.MaxFileSize)
	var notRegular *saferead.NotRegularError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		// A new translation.
	case errors.As(err, &notRegular) && out == opts.out && !notRegular.IsFolder():
		// --out /dev/stdout, or another pipe: a new translation, written into it.
	case err != nil:
		return exitWith(exitProblems, err)
	default:
		tr, diags := flows.ParseTranslation(out, data)
		if diags.HasErrors() {
			fmt.Fprintln(s.ErrOut, diags.Error())
			return exitQuietly(exitProblems)
		}
		old = tr
	}
	data, added, dropped, err := flows.UpdateTranslation(f, lang, old)
	if err != nil {
		return exitWith(exitProblems, err)
	}
	// A source file: mode 0666 less the umask, as an editor would make it, or the mode it had.
	if err := files.WriteFileAtomic(out, data, files.KeepMode(0o666), files.AllowStream()); err != nil {
		return exitWith(exitProblems, err)
	}
	fmt.Fprintf(s.Out, "Wrote %s: %d texts to translate added", out, added)
	if dropped > 0 {
		fmt.Fprintf(s.Out, ", %d no longer in the flow dropped", dropped)
	}
	fmt.Fprintln(s.Out, ".")
	return nil
}

// partsAsFlow reads a parts file (NAME.parts.yaml) as the flow of parts whose texts its translation
// holds.
func partsAsFlow(path string) (*flows.Flow, flows.Diagnostics) {
	data, diags := files.ReadFlowFile(path)
	if diags != nil {
		return nil, diags
	}
	pf, diags := flows.DecodeParts(path, data)
	if pf == nil || diags.HasErrors() {
		return nil, diags
	}
	return pf.AsFlow(), diags
}
