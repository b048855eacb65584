package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/minka-gob/minka/internal/demo"
)

// demoCmd loads the VI plan's workshops with sample participants into a
// database without workshops (see internal/demo).
func demoCmd(args []string) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	dbPath := fs.String("db", env("MINKA_DB", "db/minka.sqlite"), "SQLite database file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openStore(*dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	sum, err := demo.Load(context.Background(), st)
	if errors.Is(err, demo.ErrNotEmpty) {
		return fmt.Errorf("demo not loaded: %s has workshops already; nothing was changed", *dbPath)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stdout, "Demo loaded into %s: %d workshops, %d tables, %d participants (all checked in and seated).\n",
		*dbPath, len(sum.Workshops), sum.Tables, sum.Participants)
	for _, w := range sum.Workshops {
		fmt.Fprintf(os.Stdout, "  %s  %s\n", w.Date, w.Label())
	}
	for _, name := range sum.Extensions {
		if what, ok := demoParts[name]; ok {
			fmt.Fprintf(os.Stdout, "Also loaded: %s\n", what)
		}
	}
	fmt.Fprintln(os.Stdout, "Start the server (make run) and open /stats to see the plan's Table 2 and Figure 1, /process for the Forum's trace.")
	return nil
}

// demoParts says in words what each of the demo's loaders adds.
var demoParts = map[string]string{
	"forum":  "the plan's solution ideas at the tables, their idea sheets, the sample Forum members' scores, the ranking and the decisions with their rationales",
	"survey": "the workshops' satisfaction survey answers",
}
