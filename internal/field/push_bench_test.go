package field_test

import (
	"context"
	"crypto/rand"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/minka-gob/minka"
	"github.com/minka-gob/minka/internal/binarytest"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
)

// TestMeasurePushOf5000Contributions measures BENCHMARKS.md's "field push":
// a workshop with 5,000 contributions and 50 photos (1 MiB each) pushed to
// a national instance, then carried as a bundle and imported; wall time and
// peak resident memory of each process. It is a measurement, not a check:
// it runs only with MINKA_FIELD_BENCH=1.
//
//	MINKA_FIELD_BENCH=1 go test -run MeasurePush -v ./internal/field/
func TestMeasurePushOf5000Contributions(t *testing.T) {
	if os.Getenv("MINKA_FIELD_BENCH") == "" {
		t.Skip("a measurement: set MINKA_FIELD_BENCH=1")
	}
	bin := binarytest.Binary(t)
	natDir, lapDir := t.TempDir(), t.TempDir()
	natDB, lapDB := filepath.Join(natDir, "minka.sqlite"), filepath.Join(lapDir, "minka.sqlite")
	mustMinka(t, "demo", "-db", natDB)
	var w string
	if err := openRO(t, natDB).QueryRow(`SELECT id FROM workshops ORDER BY date LIMIT 1`).Scan(&w); err != nil {
		t.Fatal(err)
	}
	tok := mustMinka(t, "field", "token", "-db", natDB, "-workshop", w)
	addr := binarytest.FreeAddr(t)
	serve := exec.Command(bin, "serve", "-addr", addr, "-db", natDB, "-uploads", filepath.Join(natDir, "uploads"), "-exports", filepath.Join(natDir, "exports"))
	serve.Env = append(os.Environ(), "MINKA_ADMIN_PASSWORD="+binarytest.AdminPassword)
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	defer serve.Process.Kill()
	for i := 0; ; i++ {
		if resp, err := http.Get("http://" + addr + "/api/v1/health"); err == nil {
			resp.Body.Close()
			break
		}
		if i > 500 {
			t.Fatal("national did not start")
		}
		time.Sleep(20 * time.Millisecond)
	}
	mustMinka(t, "field", "pull", "http://"+addr, w, "-token", tok, "-db", lapDB)
	fill5000(t, lapDB, filepath.Join(lapDir, "uploads"), w)

	measure := func(name string, args ...string) {
		t.Helper()
		cmd := exec.Command(bin, args...)
		start := time.Now()
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v %s", name, err, out)
		}
		ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		t.Logf("%-22s wall %6.2fs  cpu %6.2fs  peak RSS %4d MiB  %s", name, time.Since(start).Seconds(),
			time.Duration(ru.Utime.Nano()+ru.Stime.Nano()).Seconds(), ru.Maxrss/1024, strings.TrimSpace(string(out)))
	}
	up := filepath.Join(lapDir, "uploads")
	measure("push (laptop)", "field", "push", "-db", lapDB, "-uploads", up)
	measure("second push (laptop)", "field", "push", "-db", lapDB, "-uploads", up)
	serve.Process.Signal(syscall.SIGTERM)
	serve.Wait()
	ru := serve.ProcessState.SysUsage().(*syscall.Rusage)
	t.Logf("%-22s cpu %6.2fs  peak RSS %4d MiB (its whole life: start, two pushes)", "national serve",
		time.Duration(ru.Utime.Nano()+ru.Stime.Nano()).Seconds(), ru.Maxrss/1024)
	bundle := filepath.Join(t.TempDir(), "taller.minka")
	measure("bundle (laptop)", "field", "bundle", "-db", lapDB, "-uploads", up, "-out", bundle)
	if fi, err := os.Stat(bundle); err == nil {
		t.Logf("bundle file: %d MiB", fi.Size()>>20)
	}
	measure("import (national)", "field", "import", "-db", natDB, "-uploads", filepath.Join(natDir, "uploads"), bundle)
}

// fill5000 records 5,000 contributions at the workshop's tables of a
// laptop's database: 1,000 profile notes, 1,000 user stories, 2,500 ideas,
// 250 prototypes (50 with a 1 MiB photo) and 250 feedback items.
func fill5000(t *testing.T, dbPath, uploads, workshopID string) {
	t.Helper()
	st, err := store.Open(dbPath, minka.Migrations, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	tables, err := st.Tables(ctx, workshopID)
	if err != nil || len(tables) == 0 {
		t.Fatal(err)
	}
	os.MkdirAll(uploads, 0o755)
	add := func(i int, c model.Contribution) {
		if _, err := st.CreateContribution(ctx, tables[i%len(tables)].ID, c); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < 1000; i++ {
		add(i, &model.ProfileNote{ID: uuid.NewString(), Kind: "need", Text: fmt.Sprintf("Necesidad %d: información en lenguas originarias", i)})
		add(i, &model.UserStory{ID: uuid.NewString(), AsWho: "Como madre de familia", Want: fmt.Sprintf("quiero %d", i), SoThat: "para participar"})
	}
	for i := 0; i < 2500; i++ {
		id := uuid.NewString()
		add(i, &model.Idea{ID: id, Title: fmt.Sprintf("¿Cómo podríamos acercar el presupuesto a la ciudadanía %d?", i),
			Description: strings.Repeat("Descripción de la idea. ", 8), Principle: model.Principles[i%4]})
	}
	for i := 0; i < 250; i++ {
		id := uuid.NewString()
		tb := tables[i%len(tables)].ID
		if _, err := st.CreateContribution(ctx, tb, &model.Prototype{ID: id, Description: "Maqueta de papel"}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.CreateContribution(ctx, tb, &model.Feedback{ID: uuid.NewString(), PrototypeID: id, Kind: "doubt", Text: "¿Y sin internet?"}); err != nil {
			t.Fatal(err)
		}
		if i < 50 {
			photo := uuid.NewString() + ".png"
			data := make([]byte, 1<<20)
			rand.Read(data)
			copy(data, pngBytes(i))
			if err := os.WriteFile(filepath.Join(uploads, photo), data, 0o644); err != nil {
				t.Fatal(err)
			}
			if _, _, err := st.SetPrototypePhoto(ctx, uuid.NewString(), tb, id, photo); err != nil {
				t.Fatal(err)
			}
		}
	}
}
