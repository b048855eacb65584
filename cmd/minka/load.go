package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/loadtest"
)

// load runs the load scenarios against Minka (and Centrifugo, the anchor),
// interleaved, printing one JSON line per run.
func load(args []string) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	scenarios := fs.String("scenarios", "fanout-2000,ceiling-1room,ceiling-50rooms", "comma-separated scenarios: "+scenarioNames())
	targets := fs.String("targets", "minka,centrifugo", "comma-separated: minka, centrifugo (run one after the other, order alternating per round)")
	rounds := fs.Int("rounds", 1, "how many times to run each scenario on each target")
	duration := fs.Duration("duration", 0, "override each scenario's writing time (0: the scenario's own)")
	window := fs.Int("window", 0, "override each scenario's window of unacknowledged contributions per writer (0: the scenario's own)")
	centrifugo := fs.String("centrifugo", env("MINKA_CENTRIFUGO", "../shared/anchors/centrifugo.gz"), "Centrifugo binary (or .gz)")
	centConf := fs.String("centrifugo-config", env("MINKA_CENTRIFUGO_CONFIG", "../shared/anchors/centrifugo.json"), "Centrifugo config (its port is replaced)")
	serverLog := fs.Bool("server-log", false, "pass the servers' output through to stderr")
	minkaBin := fs.String("minka", "", "the minka binary to measure (default: this one), e.g. an older build to compare with")
	if err := fs.Parse(args); err != nil {
		return err
	}
	loadtest.RaiseFileLimit()
	self, err := os.Executable()
	if err != nil {
		return err
	}
	if *minkaBin != "" {
		self = *minkaBin
	}
	var logTo io.Writer
	if *serverLog {
		logTo = os.Stderr
	}
	var ws []loadtest.Workload
	for _, name := range strings.Split(*scenarios, ",") {
		w, err := loadtest.Scenario(strings.TrimSpace(name))
		if err != nil {
			return err
		}
		if *duration > 0 && w.Duration > 0 {
			w.Duration = *duration
		}
		if *window > 0 && w.Rate == 0 {
			w.Window = *window
		}
		ws = append(ws, w)
	}
	names := strings.Split(*targets, ",")
	enc := json.NewEncoder(os.Stdout)
	for round := 0; round < *rounds; round++ {
		for _, w := range ws {
			for k := range names {
				name := strings.TrimSpace(names[(k+round)%len(names)])
				var t loadtest.Target
				switch name {
				case "minka":
					t = &loadtest.Minka{Binary: self, Log: logTo}
				case "centrifugo":
					t = &loadtest.Centrifugo{Binary: *centrifugo, Config: *centConf, Log: logTo}
				default:
					return fmt.Errorf("unknown target %q", name)
				}
				res := runBounded(t, w)
				if err := enc.Encode(res); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// runBounded runs one workload with a hard time limit and stops its server.
func runBounded(t loadtest.Target, w loadtest.Workload) loadtest.Result {
	ctx, cancel := context.WithTimeout(context.Background(), w.Duration+3*time.Minute)
	defer cancel()
	res := loadtest.Run(ctx, t, w)
	if err := t.Close(); err != nil && res.Err == "" {
		res.Err = err.Error()
	}
	return res
}

func scenarioNames() string {
	var n []string
	for _, w := range loadtest.Scenarios {
		n = append(n, w.Name)
	}
	return strings.Join(n, ", ")
}

// checkRoom is the pre-workshop check: can this laptop hold the room?
func checkRoom(args []string) error {
	fs := flag.NewFlagSet("check-room", flag.ContinueOnError)
	tables := fs.Int("tables", 8, "tables of the workshop")
	phones := fs.Int("phones", 8, "phones per table (the rapporteur's included)")
	rate := fs.Float64("rate", 2, "contributions per second at each table (a busy table makes well under one)")
	duration := fs.Duration("duration", 20*time.Second, "how long the tables write")
	lang := fs.String("lang", i18n.Default, "language of the verdict: es or en")
	asJSON := fs.Bool("json", false, "also print the measurements as a JSON line")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *tables < 1 || *phones < 2 || *tables > 500 || *phones > 100 || *rate <= 0 || *duration <= 0 || *duration > 10*time.Minute {
		return errors.New(i18n.T(*lang, "load.check.bad_flags"))
	}
	loadtest.RaiseFileLimit()
	self, err := os.Executable()
	if err != nil {
		return err
	}
	fmt.Println(i18n.T(*lang, "load.check.running", *tables, *phones, *rate, duration.Seconds()))
	res := runBounded(&loadtest.Minka{Binary: self}, loadtest.RoomCheck(*tables, *phones, *rate, *duration))
	if *asJSON {
		json.NewEncoder(os.Stdout).Encode(res)
	}
	fmt.Println(i18n.T(*lang, "load.check.figures", res.AckP99, res.DelivP99, res.ReconnectWallS, res.ServerCPUPct, res.ServerRSSMB))
	v := loadtest.Judge(res)
	if v.Holds {
		fmt.Println(i18n.T(*lang, "load.check.holds", *tables, *phones))
		return nil
	}
	for _, p := range v.Problems {
		fmt.Println("  - " + i18n.T(*lang, p.Key, p.Args...))
	}
	return errors.New(i18n.T(*lang, "load.check.does_not_hold", *tables, *phones))
}
