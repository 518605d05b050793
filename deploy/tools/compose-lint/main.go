// compose-lint loads Compose files with compose-go, the loader Docker Compose v2 itself uses: schema
// validation against the Compose Specification, interpolation (including `${VAR:?message}`), YAML
// anchors and merges, profiles, and consistency checks (depends_on, volumes and networks that exist).
// It needs no Docker engine. Usage: compose-lint [-profile NAME]... FILE...
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
)

type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func main() {
	var profiles listFlag
	flag.Var(&profiles, "profile", "enable a Compose profile (repeatable)")
	quiet := flag.Bool("q", false, "print nothing on success")
	asJSON := flag.Bool("json", false, "print the resolved project as JSON instead of YAML")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: compose-lint [-profile NAME]... [-q|-json] FILE...")
		os.Exit(2)
	}
	options, err := cli.NewProjectOptions(flag.Args(), cli.WithOsEnv, cli.WithProfiles(profiles), cli.WithConsistency(true))
	if err != nil {
		fail(err)
	}
	project, err := options.LoadProject(context.Background())
	if err != nil {
		fail(err)
	}
	if *quiet {
		return
	}
	var out []byte
	if *asJSON {
		out, err = project.MarshalJSON()
	} else {
		out, err = project.MarshalYAML()
	}
	if err != nil {
		fail(err)
	}
	os.Stdout.Write(out)
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "compose-lint: %v\n", err)
	os.Exit(1)
}
